/**
 * Configuration: a bad value stops the deployment naming the key, and every place the manual names
 * for a user's file is read (or, for a web module's in an EAR, not).
 */
package dev.txoutbox.it.config;
