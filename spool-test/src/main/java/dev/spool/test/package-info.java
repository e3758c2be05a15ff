/**
 * Log capture for applications' own JUnit 5 tests, the way Logback's ListAppender or LogCaptor are used.
 *
 * <p>Entry types: {@link dev.spool.test.LogCapture} (the extension a test registers, with the events
 * and the assertions), {@link dev.spool.test.CapturedEvent} (one event, copied) and
 * {@link dev.spool.test.EventExpectation} (the fluent assertion). Behind them, package-private: the
 * process-wide hub that adds one capture destination to Spool's configuration and hands each event to
 * the capture of the test whose thread logged it.
 *
 * <p>Only the public API of spool-core is used ({@code Spool}, {@code SpoolConfig}, {@code dev.spool.spi.Sink}).
 */
package dev.spool.test;
