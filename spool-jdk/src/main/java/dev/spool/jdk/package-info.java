/**
 * The platform logging bridge (JEP 264): with spool-jdk on the class path (or module path),
 * {@code System.getLogger(name)} returns loggers that log through Spool, and so does the JDK's own code
 * that logs through {@code System.Logger} (for example {@code jdk.event.security}, or the HTTP client's
 * {@code jdk.httpclient.HttpClient} when {@code -Djdk.httpclient.HttpClient.log} asks for it).
 *
 * <p>Entry type: {@link dev.spool.jdk.SpoolLoggerFinder}, registered for the JDK's service loader. Behind
 * it, package-private: the {@code System.Logger} adapter.
 *
 * <ul>
 *   <li>Levels: ALL and TRACE are TRACE, DEBUG is DEBUG, INFO is INFO, WARNING is WARN, ERROR is ERROR;
 *       OFF is never logged.</li>
 *   <li>Messages: {@code java.text.MessageFormat} patterns ({@code {0}}) as the JDK defines them, formatted
 *       only when the level is enabled, localized through the given {@code ResourceBundle}; the result is
 *       Spool's message, taken literally.</li>
 * </ul>
 */
package dev.spool.jdk;
