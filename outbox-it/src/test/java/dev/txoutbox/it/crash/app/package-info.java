/**
 * What the crash suite puts into the server it crashes: the order application (its REST endpoints,
 * its business transaction, its consumer through the inbox, its tables), the halts it arms, and the
 * XA datasources that halt in their commit (a library of the server, not of the EAR).
 */
package dev.txoutbox.it.crash.app;
