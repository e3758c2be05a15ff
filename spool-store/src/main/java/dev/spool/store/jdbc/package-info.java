/**
 * What the JDBC stores (SQLite, PostgreSQL) share beyond the store API: the parsing of their common
 * options.
 */
package dev.spool.store.jdbc;
