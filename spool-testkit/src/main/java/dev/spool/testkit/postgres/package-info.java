/**
 * The machine's real PostgreSQL for tests: {@link dev.spool.testkit.postgres.PostgresServer} (started when
 * it is down, restarts for fault tests) and a database of a test's own, {@link
 * dev.spool.testkit.postgres.TestDatabase} ({@link dev.spool.testkit.postgres.ScratchDatabase} outside JUnit).
 */
package dev.spool.testkit.postgres;
