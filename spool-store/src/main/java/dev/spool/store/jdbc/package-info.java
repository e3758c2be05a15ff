/**
 * The JDBC base a SQL store is built on, public on purpose for the SQLite and PostgreSQL modules and for
 * third-party stores, so that what they share exists once:
 * <ul>
 *   <li>{@link dev.spool.store.jdbc.RowBatch}: the row holder and the batch of rows an event becomes,
 *       made storable by a {@link dev.spool.store.jdbc.StorableText} and bound by column;</li>
 *   <li>{@link dev.spool.store.jdbc.StoreOptions}: the one parser of the options every store destination
 *       takes ({@code batchSize}, {@code batchTime}, {@code maxAge}, {@code maxRows},
 *       {@code retentionInterval}, {@code indexes});</li>
 *   <li>{@link dev.spool.store.jdbc.RetentionSchedule}: when a destination deletes expired rows, a bounded
 *       chunk at a time;</li>
 *   <li>{@link dev.spool.store.jdbc.WhereClause} and {@link dev.spool.store.jdbc.ResultRows}: a query's
 *       bound WHERE clause and page cursor, and the reading of result rows into the store API's records.</li>
 * </ul>
 * A store keeps only its dialect: connections, schema, the SQL of its indexes, ingest and retention.
 */
package dev.spool.store.jdbc;
