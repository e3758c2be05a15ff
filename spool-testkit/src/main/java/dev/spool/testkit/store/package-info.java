/** The contract every {@code LogStore} passes ({@link dev.spool.testkit.store.LogStoreContract}) and metric test events. */
package dev.spool.testkit.store;
