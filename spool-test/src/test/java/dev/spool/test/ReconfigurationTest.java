package dev.spool.test;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests that configure Spool themselves; isolated because a configuration is process-wide. */
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconfigurationTest {

    private static final Logger LOG = Spool.logger("capture.reconfigured");

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    @Order(1)
    void aTestsOwnConfigurationKeepsCapturingThroughIncluding() {
        Spool.configure(LogCapture.including(SpoolConfig.builder().name("own").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", "target/own.log"))
                .route("root", "", Level.DEBUG, "out").build()));
        LOG.debug("debug is on in this configuration");
        logs.expect().level(Level.DEBUG).once();
    }

    @Test
    @Order(2)
    void aConfigurationWithoutTheCaptureIsExtendedAgainByTheNextTest() {
        Spool.configure(SpoolConfig.builder().name("bare").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", "target/own.log"))
                .route("root", "", Level.INFO, "out").build());
        LOG.info("not captured: this configuration has no capture destination");
        assertThat(logs.events()).isEmpty();
    }

    @Test
    @Order(3)
    void capturesAgain() {
        LOG.info("captured");
        assertThat(logs.messages()).containsExactly("captured");
    }

    @Test
    @Order(4)
    void anEventReachingSeveralRoutesIsCapturedOnce() {
        Spool.configure(LogCapture.including(SpoolConfig.builder().name("layers").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", "target/layers.log"))
                .route("root", "", Level.INFO, "out")
                .route("mine", "capture.reconfigured", Level.DEBUG, "out").build()));
        LOG.debug("through two additive routes");
        logs.expect().message("through two additive routes").once();
    }
}
