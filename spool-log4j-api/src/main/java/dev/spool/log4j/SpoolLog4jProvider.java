package dev.spool.log4j;

import org.apache.logging.log4j.spi.LoggerContextFactory;
import org.apache.logging.log4j.spi.Provider;
import org.apache.logging.log4j.spi.ThreadContextMap;

/**
 * The Log4j API provider that routes the Log4j API into Spool; the Log4j API finds it through
 * {@code META-INF/services/org.apache.logging.log4j.spi.Provider} (or {@code provides} on the module
 * path) when spool-log4j-api is on the class path.
 *
 * <p>Its priority, {@value #PRIORITY}, is above log4j-core's (10) and log4j-to-slf4j's (15), so adding
 * this module is enough even where those are also present; the system property
 * {@code log4j.provider=dev.spool.log4j.SpoolLog4jProvider} names it explicitly. Nothing is configured
 * when it is loaded: Spool configures itself on the first logger request.
 */
public final class SpoolLog4jProvider extends Provider {

    /** The provider's priority among Log4j API providers (highest wins). */
    public static final int PRIORITY = 20;

    /** The Log4j API versions this provider is written for: any 2.x from 2.6 on. */
    private static final String API_VERSIONS = "2.6.0";

    private static final SpoolLoggerContextFactory FACTORY = new SpoolLoggerContextFactory();

    /** Called by the Log4j API's service loader. */
    public SpoolLog4jProvider() {
        super(PRIORITY, API_VERSIONS);
    }

    /** The one factory: Spool has one pipeline per process, so there is one logger context. */
    @Override
    public LoggerContextFactory getLoggerContextFactory() {
        return FACTORY;
    }

    @Override
    public Class<? extends LoggerContextFactory> loadLoggerContextFactory() {
        return SpoolLoggerContextFactory.class;
    }

    /** {@code ThreadContext}'s map over Spool's {@link dev.spool.Context}. */
    @Override
    public ThreadContextMap getThreadContextMapInstance() {
        return new SpoolThreadContextMap();
    }

    @Override
    public Class<? extends ThreadContextMap> loadThreadContextMap() {
        return SpoolThreadContextMap.class;
    }
}
