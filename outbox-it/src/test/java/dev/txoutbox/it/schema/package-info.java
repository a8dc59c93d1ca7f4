/**
 * Where the tables are: in the schema the configuration names, and made by Flyway or Liquibase from
 * the shipped migrations ({@code -Dit.schema}).
 */
package dev.txoutbox.it.schema;
