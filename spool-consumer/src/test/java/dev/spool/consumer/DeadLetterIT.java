package dev.spool.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invalid messages published into the queue among a producer's events: each goes to the dead-letter
 * queue {@code <queue>.dead} with a header saying why, and the events around them are all stored.
 */
class DeadLetterIT {

    /** How long after the bad messages a producer's marker must be stored. */
    private static final Duration LIVENESS = Duration.ofSeconds(30);
    private static final long EVENTS = 2_000;

    /** A valid event line but for its schema version, which no Spool understands. */
    private static final String WRONG_SCHEMA = "{\"v\":99,\"id\":\"01KAP0000000000000000POISON\","
            + "\"ts\":\"2026-11-22T00:00:00.000000Z\",\"level\":\"INFO\",\"logger\":\"it\",\"thread\":\"t\","
            + "\"thread_id\":1,\"message\":\"poison\",\"service\":\"poison\",\"host\":\"h\",\"pid\":1}\n";
    private static final String NOT_JSON = "this is not JSON at all\n";
    /** The header the consumer puts on a dead letter, naming the reason (docs/consumer.md). */
    private static final String REASON = "spool-dead-reason";

    @TempDir
    Path work;

    private IngestRig rig;

    @BeforeEach
    void createRig() throws Exception {
        rig = IngestRig.create(work);
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    private void publish(String routingKey, String body) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("spool-schema", 1);
        headers.put("spool-events", 1);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/x-ndjson")
                .deliveryMode(2).messageId("it:" + routingKey).appId("it").headers(headers).build();
        try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
            List<String> returned = new CopyOnWriteArrayList<>();
            ch.addReturnListener(r -> returned.add(r.getReplyText()));
            ch.confirmSelect();
            ch.basicPublish(rig.name, routingKey, true, props, body.getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
            // A broker sends basic.return before the confirm of the same message.
            assertThat(returned).as("returns of the mandatory publish to %s with key %s", rig.name, routingKey).isEmpty();
        }
    }

    /** Takes every message of the dead-letter queue: its routing key and headers. */
    private List<Map<String, Object>> deadLettered() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
            for (GetResponse r = ch.basicGet(rig.name + ".dead", true); r != null; r = ch.basicGet(rig.name + ".dead", true)) {
                Map<String, Object> m = new HashMap<>();
                if (r.getProps().getHeaders() != null) {
                    r.getProps().getHeaders().forEach((k, v) -> m.put(k, String.valueOf(v)));
                }
                m.put("body", new String(r.getBody(), StandardCharsets.UTF_8));
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void aWrongSchemaMessageAndANonJsonMessageAreDeadLetteredWithAReasonAndIngestionGoesOn() throws Exception {
        ChildJvm producer = rig.producer(0);
        ChildJvm consumer = rig.consumer("consumer", 2);
        IngestRig.logOnEach(List.of(producer), EVENTS / 2, EVENTS / 2, Duration.ofSeconds(60));
        publish("poison.INFO", WRONG_SCHEMA);
        publish("garbage.INFO", NOT_JSON);
        IngestRig.logOnEach(List.of(producer), EVENTS / 2, EVENTS, Duration.ofSeconds(60));
        producer.send("marker after-bad-messages");
        await("the marker logged after the bad messages to be stored").atMost(LIVENESS).pollInterval(Duration.ofMillis(100))
                .until(() -> rig.stored.hasMarker("after-bad-messages"));
        await("two messages in " + rig.name + ".dead").atMost(LIVENESS).pollInterval(Duration.ofMillis(100))
                .until(() -> Broker.messageCount(rig.name + ".dead"), n -> n >= 2);

        await("every event to be stored").atMost(LIVENESS).pollInterval(Duration.ofMillis(100))
                .until(rig.stored::rows, n -> n >= EVENTS + 1);

        List<Map<String, Object>> dead = deadLettered();
        assertThat(dead).as("dead-lettered messages").hasSize(2);
        System.out.println("dead-lettered: " + dead);
        assertThat(dead).anySatisfy(m -> {
            assertThat(m.get("body")).isEqualTo(WRONG_SCHEMA);
            assertThat(m.get(REASON)).as("reason header").isIn("bad-event", "bad-schema");
        });
        assertThat(dead).anySatisfy(m -> {
            assertThat(m.get("body")).isEqualTo(NOT_JSON);
            assertThat(m.get(REASON)).as("reason header").isEqualTo("bad-event");
        });
        assertThat(consumer.isAlive()).as("consumer alive; output:\n%s", consumer.output()).isTrue();
        IngestRig.exitEach(List.of(producer), Duration.ofSeconds(60));
        System.out.println("consumer: " + IngestRig.terminate(consumer));
        assertThat(rig.stored.check(1, EVENTS, 1)).isEmpty();
    }
}
