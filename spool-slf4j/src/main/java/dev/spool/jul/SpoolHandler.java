package dev.spool.jul;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;

import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A java.util.logging {@link Handler} that passes every record it accepts to the Spool logger of the
 * same name. {@link SpoolJul#install()} puts one on the root logger.
 *
 * <p>Levels map by {@code intValue()}, so custom levels land where their value puts them: SEVERE and
 * above are ERROR, WARNING (900) and up to SEVERE are WARN, CONFIG (700) and INFO are INFO, FINE (500)
 * is DEBUG, FINER, FINEST and below are TRACE. The record's thrown exception is the event's exception;
 * the text is localized and formatted as JUL's own formatters do (see {@link #publish}). The record's
 * time, thread and source class are not carried: Spool stamps the event when it is handed over, on
 * the logging thread.
 *
 * <p>Thread-safe. {@link #close()} does not shut Spool down: JUL closes its handlers on every
 * {@code LogManager.reset()}, while Spool is shared with other APIs and drains at JVM exit itself.
 */
public final class SpoolHandler extends Handler {

    // Bounds flush() so that a stuck destination cannot hang a JUL caller that asked for a flush.
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    /** A handler with level ALL and no filter, as JUL instantiates it from a {@code handlers=} line. */
    public SpoolHandler() {
    }

    /**
     * Logs the record through Spool if this handler's level and filter and the Spool logger's level
     * accept it. The message is looked up in the record's resource bundle; it is formatted with
     * {@link java.text.MessageFormat} only when the record has parameters and the text holds a
     * {@code {0}}-style reference, else passed on verbatim. Never throws.
     */
    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        Level level = toSpool(record.getLevel());
        Logger logger = Spool.logger(record.getLoggerName());
        if (logger.isEnabled(level)) {
            // argc 0: the text reaches Spool as it is, without {} substitution
            logger.log(level, RecordText.of(record), 0, null, null, null, record.getThrown());
        }
    }

    /** Waits (at most ten seconds) until everything Spool accepted so far is written. */
    @Override
    public void flush() {
        Spool.flush(FLUSH_TIMEOUT);
    }

    /** Does nothing: Spool outlives JUL's handler resets and is drained by its own shutdown hook. */
    @Override
    public void close() {
        // deliberately empty, see the class comment
    }

    /** The Spool level of a JUL level, by {@code intValue()}. */
    static Level toSpool(java.util.logging.Level level) {
        int value = level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARN;
        }
        if (value >= java.util.logging.Level.CONFIG.intValue()) {
            return Level.INFO;
        }
        if (value >= java.util.logging.Level.FINE.intValue()) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }
}
