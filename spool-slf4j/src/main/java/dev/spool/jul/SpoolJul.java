package dev.spool.jul;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;

import java.util.logging.Handler;

/**
 * Routes java.util.logging into Spool: {@link #install()} makes a {@link SpoolHandler} the only handler
 * of JUL's root logger.
 *
 * <p>Call it once at start-up, or start the JVM with
 * {@code -Djava.util.logging.config.class=dev.spool.jul.SpoolJulConfig} to have JUL do it.
 */
public final class SpoolJul {

    private SpoolJul() {
    }

    /**
     * Removes every handler of JUL's root logger except one {@link SpoolHandler} (added if missing) and
     * sets the root logger's level to the lowest JUL level whose records Spool's root logger accepts
     * (Spool INFO gives CONFIG, DEBUG gives FINE, TRACE gives ALL, WARN gives WARNING, ERROR gives SEVERE),
     * so that JUL does not build records Spool would discard. A route below the root that wants more
     * detail than the root needs the JUL level of those loggers set as well; after Spool is reconfigured,
     * call this again to follow the root's new level. Idempotent and thread-safe. Configures Spool if
     * it is not yet configured.
     */
    public static synchronized void install() {
        // Ask Spool first: if this configures Spool, nothing it logs through JUL meanwhile reaches our handler.
        java.util.logging.Level threshold = julThreshold(Spool.logger(""));
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        boolean present = false;
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof SpoolHandler && !present) {
                present = true;
            } else {
                root.removeHandler(handler);
            }
        }
        if (!present) {
            root.addHandler(new SpoolHandler());
        }
        root.setLevel(threshold);
    }

    /** The lowest JUL level that {@link SpoolHandler} maps to a level {@code logger} accepts. */
    static java.util.logging.Level julThreshold(Logger logger) {
        if (logger.isEnabled(Level.TRACE)) {
            return java.util.logging.Level.ALL;
        }
        if (logger.isEnabled(Level.DEBUG)) {
            return java.util.logging.Level.FINE;
        }
        if (logger.isEnabled(Level.INFO)) {
            return java.util.logging.Level.CONFIG;
        }
        if (logger.isEnabled(Level.WARN)) {
            return java.util.logging.Level.WARNING;
        }
        if (logger.isEnabled(Level.ERROR)) {
            return java.util.logging.Level.SEVERE;
        }
        return java.util.logging.Level.OFF;
    }
}
