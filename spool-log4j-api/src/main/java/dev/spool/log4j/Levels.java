package dev.spool.log4j;

import org.apache.logging.log4j.Level;

/**
 * Log4j levels to Spool's. The six standard levels map one to one. Any other level (a custom one made
 * with {@code Level.forName}, or {@code OFF}/{@code ALL} used as an event's level) maps by its
 * {@code intLevel} to the standard level whose band it falls in, rounding towards the less severe:
 * {@code NOTICE} at 350, between WARN (300) and INFO (400), is logged as INFO, never overstated.
 * {@code OFF} (0) is FATAL, {@code ALL} is TRACE.
 */
final class Levels {

    private Levels() {
    }

    static dev.spool.Level toSpool(Level level) {
        int value = level.intLevel();
        if (value <= Level.FATAL.intLevel()) {
            return dev.spool.Level.FATAL;
        }
        if (value <= Level.ERROR.intLevel()) {
            return dev.spool.Level.ERROR;
        }
        if (value <= Level.WARN.intLevel()) {
            return dev.spool.Level.WARN;
        }
        if (value <= Level.INFO.intLevel()) {
            return dev.spool.Level.INFO;
        }
        if (value <= Level.DEBUG.intLevel()) {
            return dev.spool.Level.DEBUG;
        }
        return dev.spool.Level.TRACE;
    }

    /** Whether {@code level} is one of the six that map one to one (and need no extra field). */
    static boolean isStandard(Level level) {
        return level == Level.INFO || level == Level.DEBUG || level == Level.WARN || level == Level.ERROR
                || level == Level.TRACE || level == Level.FATAL;
    }

    /** The Log4j level of a Spool level. */
    static Level toLog4j(dev.spool.Level level) {
        switch (level) {
            case TRACE: return Level.TRACE;
            case DEBUG: return Level.DEBUG;
            case INFO: return Level.INFO;
            case WARN: return Level.WARN;
            case ERROR: return Level.ERROR;
            default: return Level.FATAL;
        }
    }
}
