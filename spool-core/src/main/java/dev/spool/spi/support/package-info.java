/**
 * Support that destinations, receivers and Spool's other modules use, public on purpose (as SLF4J
 * exports its {@code helpers}): the rate-limited {@link dev.spool.spi.support.Diagnostics} reporter
 * (Spool never logs through itself), {@link dev.spool.spi.support.Backoff},
 * {@link dev.spool.spi.support.DaemonThreads}, the one strict {@link dev.spool.spi.support.JsonReader},
 * the one {@link dev.spool.spi.support.JsonEscaper} every JSON writer uses and the one
 * {@link dev.spool.spi.support.LineEscaper} for text output; a ledger as an event
 * ({@link dev.spool.spi.support.LedgerEvent}) and the counts relays keep for theirs
 * ({@link dev.spool.spi.support.RelayTally}).
 */
package dev.spool.spi.support;
