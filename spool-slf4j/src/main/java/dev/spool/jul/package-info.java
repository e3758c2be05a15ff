/**
 * The java.util.logging bridge: JUL records go to the Spool logger of the same name.
 *
 * <p>Entry types: {@link dev.spool.jul.SpoolHandler} (the handler), {@link dev.spool.jul.SpoolJul}
 * ({@code install()} puts it on JUL's root logger) and {@link dev.spool.jul.SpoolJulConfig} (does the
 * same when named by {@code -Djava.util.logging.config.class}, so JUL-only code needs no change).
 *
 * <p>Two ways to turn it on, neither automatic:
 * <ol>
 *   <li>in code, once at start-up: {@code SpoolJul.install();}</li>
 *   <li>without code: {@code java -Djava.util.logging.config.class=dev.spool.jul.SpoolJulConfig ...}</li>
 * </ol>
 * Both replace the root logger's handlers (JUL's default console handler would print every record a
 * second time) and set the root logger's level from Spool's root level. Levels of named JUL loggers
 * set elsewhere still apply before a record reaches Spool.
 *
 * <p>Messages are localized and {@code {0}}-formatted like JUL's own formatters; nothing else in them is
 * interpreted.
 */
package dev.spool.jul;
