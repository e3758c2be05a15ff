package dev.spool.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Spool.configure(SpoolConfig.amqp(service, url))} and {@code log.log(level, message, Map)} against
 * the real broker: every event arrives with its fields typed, and the spool directory is the default one
 * under {@code $XDG_STATE_HOME}, said on stderr.
 */
class OneCallSetupIT {

    private static final int EVENTS = 200;

    @TempDir
    Path state;

    @Test
    void theSeedsSetupInOneCallShipsEveryEventWithTypedFields() throws Exception {
        Broker.ensureRunning();
        String service = "onecall-" + UUID.randomUUID().toString().substring(0, 8);
        String queue = service + ".it";
        try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare("spool.events", "topic", true); // as the destination declares it
            ch.queueDeclare(queue, false, false, true, null);
            ch.queueBind(queue, "spool.events", service + ".#");
        }
        try {
            ChildJvm app = ChildJvm.builder(OneCallApp.class).name("one-call app").separateStderr()
                    .env("XDG_STATE_HOME", state.toString())
                    .args("amqp://guest:guest@127.0.0.1:5672/%2f", service, Integer.toString(EVENTS))
                    .run(Duration.ofSeconds(120));
            assertThat(app.exitValue()).as("exit; output: %s", app.output()).isZero();
            Path spoolDir = state.resolve("spool/amqp/" + service + "/amqp");
            assertThat(app.stderr()).contains("amqp destination 'amqp' spools to " + spoolDir);
            assertThat(Files.isDirectory(spoolDir)).isTrue();

            List<String> lines = Broker.take(queue, Duration.ZERO);
            assertThat(lines).hasSize(EVENTS);
            assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"message\":\"order placed\"")
                    .contains("\"user_id\":42").contains("\"ratio\":0.75").contains("\"admin\":true")
                    .contains("\"code\":\"042\"").doesNotContain("below the level"));
            assertThat(lines.stream().filter(l -> l.contains("\"level\":\"WARN\""))).hasSize(EVENTS / 2);
        } finally {
            try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
                ch.queueDelete(queue);
                // the destination's own queue got copies of these events: take them out again
                Broker.take("spool.events", Duration.ZERO);
            }
        }
    }
}
