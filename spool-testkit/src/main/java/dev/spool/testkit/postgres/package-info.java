/** The machine's real PostgreSQL for tests: started when it is down, a database per test, restarts for fault tests. */
package dev.spool.testkit.postgres;
