/**
 * SQLite, Spool's embedded store: the {@code sqlite} destination ({@link dev.spool.sqlite.SqliteSinkProvider})
 * writes logs and metrics in batched transactions; {@link dev.spool.sqlite.SqliteStore} reads them through
 * the store-neutral {@link dev.spool.store.LogStore}.
 *
 * <p>The schema, pragmas, multi-process stance and retention are described in docs/sqlite.md. Every
 * statement is parameterized; nothing an event carries is ever part of SQL text.
 */
package dev.spool.sqlite;
