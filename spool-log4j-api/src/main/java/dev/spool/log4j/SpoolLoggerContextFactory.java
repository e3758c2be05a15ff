package dev.spool.log4j;

import dev.spool.Spool;
import org.apache.logging.log4j.spi.LoggerContext;
import org.apache.logging.log4j.spi.LoggerContextFactory;

import java.net.URI;

/**
 * Hands out the one {@link SpoolLoggerContext} whatever the caller, class loader or configuration
 * location: Spool is configured per process (spool.properties, {@link Spool#configure}), so a Log4j
 * configuration location is ignored. {@code LogManager.shutdown()} flushes Spool and leaves it running,
 * because other APIs (SLF4J, JUL) may still log through the same pipeline; Spool's own shutdown hook
 * drains it at exit.
 */
final class SpoolLoggerContextFactory implements LoggerContextFactory {

    private final SpoolLoggerContext context = new SpoolLoggerContext();

    @Override
    public LoggerContext getContext(String fqcn, ClassLoader loader, Object externalContext, boolean currentContext) {
        return context;
    }

    @Override
    public LoggerContext getContext(String fqcn, ClassLoader loader, Object externalContext, boolean currentContext,
                                    URI configLocation, String name) {
        return context;
    }

    @Override
    public void removeContext(LoggerContext removed) {
        // the one context lives as long as the process
    }

    @Override
    public boolean hasContext(String fqcn, ClassLoader loader, boolean currentContext) {
        return true;
    }

    @Override
    public void shutdown(String fqcn, ClassLoader loader, boolean currentContext, boolean allContexts) {
        Spool.flush();
    }

    @Override
    public boolean isClassLoaderDependent() {
        return false;
    }
}
