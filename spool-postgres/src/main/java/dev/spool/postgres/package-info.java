/**
 * PostgreSQL as a Spool store: the {@code postgres} destination ({@link dev.spool.postgres.PostgresSinkProvider})
 * writes logs and metrics in batched transactions into tables partitioned by day, and
 * {@link dev.spool.postgres.PostgresStore} answers the store-neutral queries of {@link dev.spool.store}
 * over them. Duplicates are prevented by the primary key {@code (ts, event_id)}: see docs/postgres.md.
 */
package dev.spool.postgres;
