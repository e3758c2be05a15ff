/**
 * Throughput of the {@code amqp} destination against the real broker: a runnable main, not a test
 * (no timing assertions anywhere in the build).
 */
package dev.spool.amqp.bench;
