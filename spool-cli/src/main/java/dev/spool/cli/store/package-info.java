/**
 * The commands that read a store: {@code spool query}, {@code tail}, {@code stats} and {@code metrics}.
 *
 * <p>Each command is one class; they share the store and filter options ({@link dev.spool.cli.store.StoreOptions},
 * {@link dev.spool.cli.store.FilterOptions}) and print aligned tables (colors only on a terminal) or, with
 * {@code --json}, one JSON object per line for scripts. Exit codes: 0 success (also when nothing matched),
 * 1 the store could not be read, 2 usage error.
 */
package dev.spool.cli.store;
