/**
 * The sample as shipped, through its REST API and its two subscribers; and the files the manual
 * shows, as the repository has them.
 */
package dev.txoutbox.it.sample;
