package dev.spool.slf4j;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider that routes SLF4J logging into Spool; SLF4J finds it through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} when spool-slf4j is on the class path.
 *
 * <p>{@link #initialize()} configures nothing: Spool configures itself on the first logger request
 * (a file found by convention, else the console at INFO), and java.util.logging is left alone; see
 * {@link dev.spool.jul.SpoolJul} to route it too.
 */
public final class SpoolServiceProvider implements SLF4JServiceProvider {

    /** The SLF4J API version this provider is written against: any 2.0.x. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    /** Called by SLF4J's service loader. */
    public SpoolServiceProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    /** Called once by SLF4J before any getter; builds the factories and nothing else. */
    @Override
    public void initialize() {
        loggerFactory = new SpoolLoggerFactory();
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new SpoolMdcAdapter();
    }
}
