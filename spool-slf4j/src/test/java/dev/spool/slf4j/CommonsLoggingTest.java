package dev.spool.slf4j;

import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LocationAwareLogger;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commons Logging 1.3 finds SLF4J by itself (no commons-logging bridge, no jcl-over-slf4j): with
 * commons-logging 1.3 and spool-slf4j on the class path, {@code LogFactory.getLog} logs through Spool.
 * JCL takes its location-aware path because Spool's SLF4J logger is a {@code LocationAwareLogger}; its
 * other path (commons-logging 1.3.5) sends {@code error(msg, t)} at DEBUG, which the level check below
 * would catch. JCL marks every event with the marker {@code COMMONS-LOGGING}.
 */
class CommonsLoggingTest {

    private final CapturingSink sink = new CapturingSink();

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    @Test
    void logFactoryFindsSlf4jAndSoSpool() {
        Spool.configure(SpoolConfig.builder().name("jcl-slf4j").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory()).route("root", "", dev.spool.Level.DEBUG, "capture").build());
        Log log = LogFactory.getLog("app.jcl");
        assertThat(LogFactory.getFactory().getClass().getName()).isEqualTo("org.apache.commons.logging.impl.Slf4jLogFactory");
        assertThat(log.isDebugEnabled()).isTrue();
        assertThat(log.isTraceEnabled()).isFalse();
        log.trace("not logged");
        log.debug("through JCL");
        log.fatal("failed", new IOException("disk"));
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
        List<Captured> events = sink.events();
        assertThat(events).extracting(Captured::message).containsExactly("through JCL", "failed");
        assertThat(events).extracting(Captured::logger).containsOnly("app.jcl");
        assertThat(events.get(1).level()).isEqualTo(dev.spool.Level.ERROR); // SLF4J has no FATAL
        assertThat(events.get(1).throwable()).hasMessage("disk");
        assertThat(events).allSatisfy(e -> assertThat(e.fields()).containsEntry("markers", "COMMONS-LOGGING"));
    }

    @Test
    void locationAwareCallsKeepTheirLevelAndFillPlaceholders() {
        Spool.configure(SpoolConfig.builder().name("location-aware").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory()).route("root", "", dev.spool.Level.TRACE, "capture").build());
        LocationAwareLogger log = (LocationAwareLogger) LoggerFactory.getLogger("app.bridge");
        int[] levels = {LocationAwareLogger.TRACE_INT, LocationAwareLogger.DEBUG_INT, LocationAwareLogger.INFO_INT,
            LocationAwareLogger.WARN_INT, LocationAwareLogger.ERROR_INT, 99};
        for (int level : levels) {
            log.log(null, "some.Caller", level, "level {}", new Object[] {level}, null);
        }
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(sink.events()).extracting(Captured::level).containsExactly(dev.spool.Level.TRACE,
                dev.spool.Level.DEBUG, dev.spool.Level.INFO, dev.spool.Level.WARN, dev.spool.Level.ERROR,
                dev.spool.Level.ERROR);
        assertThat(sink.events().get(2).message()).isEqualTo("level 20");
    }
}
