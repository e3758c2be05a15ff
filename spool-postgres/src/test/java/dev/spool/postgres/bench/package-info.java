/**
 * A runnable comparison of the two ingest paths of the {@code postgres} destination (COPY into staging
 * tables against multi-row INSERT), on the real schema; see docs/postgres.md for how to run it.
 */
package dev.spool.postgres.bench;
