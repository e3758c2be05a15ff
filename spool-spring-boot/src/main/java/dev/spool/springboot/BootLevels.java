package dev.spool.springboot;

import dev.spool.Level;
import org.springframework.boot.logging.LogLevel;

import java.util.EnumSet;
import java.util.Set;

/** Boot's levels and Spool's, both ways. Boot's OFF has no Spool level: it is a route with no destination. */
final class BootLevels {

    /** Every Boot level Spool honours: all of them. */
    static final Set<LogLevel> SUPPORTED = EnumSet.of(LogLevel.TRACE, LogLevel.DEBUG, LogLevel.INFO,
            LogLevel.WARN, LogLevel.ERROR, LogLevel.FATAL, LogLevel.OFF);

    private BootLevels() {
    }

    /** Spool's level for a Boot level other than OFF. */
    static Level toSpool(LogLevel level) {
        switch (level) {
            case TRACE: return Level.TRACE;
            case DEBUG: return Level.DEBUG;
            case INFO: return Level.INFO;
            case WARN: return Level.WARN;
            case ERROR: return Level.ERROR;
            case FATAL: return Level.FATAL;
            default: throw new IllegalArgumentException("no Spool level for " + level);
        }
    }

    /** Boot's level for a Spool level; null stays null. */
    static LogLevel toBoot(Level level) {
        return level == null ? null : LogLevel.valueOf(level.name());
    }

    /** The lowest level {@code logger} accepts, OFF when it accepts none. */
    static LogLevel effective(dev.spool.Logger logger) {
        for (Level level : Level.values()) {
            if (logger.isEnabled(level)) {
                return toBoot(level);
            }
        }
        return LogLevel.OFF;
    }

    /** The JUL level of the same threshold, so JUL does not build records Spool would discard. */
    static java.util.logging.Level toJul(LogLevel level) {
        switch (level) {
            case TRACE: return java.util.logging.Level.ALL;
            case DEBUG: return java.util.logging.Level.FINE;
            case INFO: return java.util.logging.Level.CONFIG;
            case WARN: return java.util.logging.Level.WARNING;
            case ERROR: return java.util.logging.Level.SEVERE;
            default: return java.util.logging.Level.OFF; // FATAL and OFF: JUL has nothing above SEVERE
        }
    }
}
