/**
 * The Log4j API provider: with spool-log4j-api on the class path, {@code LogManager.getLogger()} hands
 * out loggers that log through Spool, and {@code ThreadContext} is Spool's thread context. No
 * log4j-core is needed.
 *
 * <p>Entry type: {@link dev.spool.log4j.SpoolLog4jProvider}, registered for the Log4j API's service
 * loader. Behind it, package-private: the logger context factory, the one logger context, the logger,
 * the level mapping and the thread context map.
 *
 * <ul>
 *   <li>Levels: TRACE to FATAL one to one; a custom level maps to the standard band it falls in (rounded
 *       towards the less severe) and keeps its name in the field {@code log4j_level}.</li>
 *   <li>{@code {}} messages with up to two parameters allocate nothing beyond Spool's own capture.</li>
 *   <li>Markers: the field {@code markers} (the marker's name; parents are not expanded).</li>
 *   <li>{@code MapMessage} / {@code StructuredDataMessage}: entries become typed fields.</li>
 *   <li>{@code ThreadContext} map: Spool's {@link dev.spool.Context}. The {@code ThreadContext} stack
 *       (NDC) stays Log4j's own and is not attached to events.</li>
 * </ul>
 */
package dev.spool.log4j;
