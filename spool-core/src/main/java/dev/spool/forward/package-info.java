/**
 * Forwarding to a collector: the {@code forward} destination type ({@link dev.spool.forward.ForwardSinkProvider}),
 * which sends events as JSON Lines and keeps them until the collector acknowledges them, and
 * {@link dev.spool.forward.Forwarding}, which lets a parent process make its workers forward through one
 * environment variable.
 */
package dev.spool.forward;
