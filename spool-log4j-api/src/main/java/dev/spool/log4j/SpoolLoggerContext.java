package dev.spool.log4j;

import dev.spool.Spool;
import org.apache.logging.log4j.message.MessageFactory;
import org.apache.logging.log4j.spi.ExtendedLogger;
import org.apache.logging.log4j.spi.LoggerContext;
import org.apache.logging.log4j.spi.LoggerRegistry;

/**
 * The Log4j loggers of the process, one per name and message factory, each over
 * {@link Spool#logger(String)}. Log4j's root logger name is the empty string, as Spool's is.
 * Thread-safe; a lookup of an existing logger takes no lock of ours.
 */
final class SpoolLoggerContext implements LoggerContext {

    private final LoggerRegistry<SpoolLog4jLogger> loggers = new LoggerRegistry<>();

    @Override
    public Object getExternalContext() {
        return null;
    }

    @Override
    public ExtendedLogger getLogger(String name) {
        return getLogger(name, null);
    }

    @Override
    public ExtendedLogger getLogger(String name, MessageFactory messageFactory) {
        String key = name == null ? "" : name;
        SpoolLog4jLogger existing = loggers.getLogger(key, messageFactory);
        if (existing != null) {
            return existing;
        }
        // Made outside the registry's lock: the first Spool.logger call may configure Spool, and a
        // destination's own library may ask for a logger while that happens.
        loggers.putIfAbsent(key, messageFactory, new SpoolLog4jLogger(key, messageFactory, Spool.logger(key)));
        return loggers.getLogger(key, messageFactory);
    }

    @Override
    public LoggerRegistry<SpoolLog4jLogger> getLoggerRegistry() {
        return loggers;
    }

    @Override
    public boolean hasLogger(String name) {
        for (SpoolLog4jLogger logger : loggers.getLoggers()) {
            if (logger.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasLogger(String name, MessageFactory messageFactory) {
        return loggers.hasLogger(name, messageFactory);
    }

    @Override
    public boolean hasLogger(String name, Class<? extends MessageFactory> messageFactoryClass) {
        return loggers.hasLogger(name, messageFactoryClass);
    }
}
