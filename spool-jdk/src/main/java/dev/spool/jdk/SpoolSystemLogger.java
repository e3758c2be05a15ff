package dev.spool.jdk;

import dev.spool.Logger;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * A {@link System.Logger} over a Spool {@link Logger}. The JDK's message contract is kept: a message
 * with parameters is a {@link MessageFormat} pattern ({@code {0}}), a message key is looked up in the
 * given bundle; the text that results is Spool's message as it is (never read for {@code {}} again).
 * Nothing is formatted, looked up or supplied below the logger's level.
 *
 * <p>Bad input never reaches the caller: a pattern {@link MessageFormat} rejects, or a parameter whose
 * {@code toString()} throws, logs the unformatted pattern; a key missing from the bundle logs the key.
 */
final class SpoolSystemLogger implements System.Logger {

    private final String name;
    private final Logger logger;

    SpoolSystemLogger(String name, Logger logger) {
        this.name = name;
        this.logger = logger;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        dev.spool.Level spoolLevel = toSpool(level);
        return spoolLevel != null && logger.isEnabled(spoolLevel);
    }

    @Override
    public void log(Level level, String msg) {
        literal(level, msg, null);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        if (isLoggable(level)) {
            literal(level, msgSupplier == null ? null : msgSupplier.get(), null);
        }
    }

    @Override
    public void log(Level level, Object obj) {
        if (isLoggable(level)) {
            literal(level, String.valueOf(obj), null);
        }
    }

    @Override
    public void log(Level level, String msg, Throwable thrown) {
        literal(level, msg, thrown);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier, Throwable thrown) {
        if (isLoggable(level)) {
            literal(level, msgSupplier == null ? null : msgSupplier.get(), thrown);
        }
    }

    @Override
    public void log(Level level, String format, Object... params) {
        log(level, null, format, params);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            literal(level, localized(bundle, msg), thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            literal(level, formatted(localized(bundle, format), params), null);
        }
    }

    private void literal(Level level, String text, Throwable thrown) {
        dev.spool.Level spoolLevel = toSpool(level);
        if (spoolLevel != null) {
            logger.log(spoolLevel, text, 0, null, null, null, thrown); // no arguments: taken as it is
        }
    }

    private static String localized(ResourceBundle bundle, String key) {
        if (bundle == null || key == null) {
            return key;
        }
        try {
            return bundle.getString(key);
        } catch (MissingResourceException | ClassCastException e) {
            return key;
        }
    }

    private static String formatted(String pattern, Object[] params) {
        if (pattern == null || params == null || params.length == 0) {
            return pattern;
        }
        try {
            return new MessageFormat(pattern).format(params);
        } catch (RuntimeException e) {
            return pattern;
        }
    }

    /** The Spool level of a platform level; null for OFF, which is never logged. */
    static dev.spool.Level toSpool(Level level) {
        if (level == null) {
            return null;
        }
        switch (level) {
            case ALL:
            case TRACE: return dev.spool.Level.TRACE;
            case DEBUG: return dev.spool.Level.DEBUG;
            case INFO: return dev.spool.Level.INFO;
            case WARNING: return dev.spool.Level.WARN;
            case ERROR: return dev.spool.Level.ERROR;
            default: return null;
        }
    }
}
