/**
 * The service suites of {@code bench}: Spool's destinations and services measured end to end, each event
 * checked where it arrived (a JSON Lines file, SQLite, RabbitMQ, PostgreSQL, the collector's file), and the
 * targets of issues 13 and 17 judged from the medians.
 */
package dev.spool.bench.services;
