package dev.spool.log4j;

import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commons Logging 1.3 prefers the Log4j API when it is present (and not itself routed to SLF4J), so with
 * spool-log4j-api on the class path JCL's {@code LogFactory.getLog} reaches Spool through it.
 */
class CommonsLoggingThroughLog4jTest {

    private final CapturingSink sink = new CapturingSink();

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    @Test
    void logFactoryFindsTheLog4jApiAndSoSpool() {
        Spool.configure(SpoolConfig.builder().name("jcl-log4j").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory()).route("root", "", dev.spool.Level.DEBUG, "capture").build());
        Log log = LogFactory.getLog("app.jcl");
        assertThat(LogFactory.getFactory().getClass().getName()).isEqualTo("org.apache.commons.logging.impl.Log4jApiLogFactory");
        assertThat(log.isTraceEnabled()).isFalse();
        log.trace("not logged");
        log.info("through JCL");
        log.error("failed", new IOException("disk"));
        log.fatal("fatal stays fatal");
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
        List<Captured> events = sink.events();
        assertThat(events).extracting(Captured::message).containsExactly("through JCL", "failed", "fatal stays fatal");
        assertThat(events).extracting(Captured::logger).containsOnly("app.jcl");
        assertThat(events.get(1).level()).isEqualTo(dev.spool.Level.ERROR);
        assertThat(events.get(1).throwable()).hasMessage("disk");
        assertThat(events.get(2).level()).isEqualTo(dev.spool.Level.FATAL);
    }
}
