/**
 * The SLF4J 2 provider: with spool-slf4j on the class path, {@code org.slf4j.LoggerFactory} hands out
 * loggers that log through Spool, and {@code MDC} is Spool's thread context.
 *
 * <p>Entry type: {@link dev.spool.slf4j.SpoolServiceProvider}, registered for SLF4J's service loader.
 * Behind it, package-private: the logger factory, the logger adapter and the MDC adapter.
 *
 * <ul>
 *   <li>Levels map one to one (TRACE to ERROR); {@code isXxxEnabled} is the Spool logger's level check.</li>
 *   <li>Plain calls with up to two arguments allocate nothing beyond what Spool's capture does: the
 *       adapter implements every {@code org.slf4j.Logger} method itself.</li>
 *   <li>The fluent API ({@code log.atInfo().addKeyValue("user", id).log("login")}) arrives with its
 *       key/values as event fields and its cause as the exception.</li>
 *   <li>Markers are kept as the field {@code markers}: the marker's name, or on the fluent path the
 *       comma-separated names of all markers added. Referenced child markers are not expanded.</li>
 *   <li>{@code MDC.put/remove/clear/setContextMap} change {@link dev.spool.Context}, so MDC values are
 *       attached to every event of the thread. {@code MDC.pushByKey} deques live apart and are not
 *       attached to events.</li>
 *   <li>Configuration: none on SLF4J's start-up. Spool configures itself on first use, from a file
 *       found by convention or else to the console at INFO.</li>
 * </ul>
 *
 * <p>java.util.logging is not taken over by this provider: a library should not change a JVM-wide
 * setting merely by being on the class path. To send JUL to Spool too, either call
 * {@link dev.spool.jul.SpoolJul#install()} at start-up or start the JVM with
 * {@code -Djava.util.logging.config.class=dev.spool.jul.SpoolJulConfig} (see {@link dev.spool.jul}).
 */
package dev.spool.slf4j;
