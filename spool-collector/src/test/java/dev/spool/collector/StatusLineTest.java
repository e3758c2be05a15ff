package dev.spool.collector;

import dev.spool.DestinationStats;
import dev.spool.PipelineStats;
import dev.spool.collector.json.JsonEventReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status answer carries each destination's counters and its own health, as valid JSON. */
class StatusLineTest {

    @Test
    void destinationsAndTheirHealthAreInTheStatusAnswer() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("state", "BACKING_OFF");
        health.put("spool_events", 1234L);
        health.put("last_error", "connection refused \"x\"\n");
        PipelineStats pipeline = new PipelineStats("collector", 10, 8, Map.of("queue_full", 0L), 2, 64, 5, 3,
                List.of(new DestinationStats("broker", "amqp", 8, 0, 1, true, "flush: refused", health),
                        new DestinationStats("file", "file", 8, 0, 0, false, null, Map.of())));
        byte[] line = Protocol.statusLine(new CollectorStats(1, 2, 10, 8, 8, 0, Map.of("malformed", 1L)), pipeline);

        Map<String, Object> parsed = JsonEventReader.readObject(line, 0, line.length - 1);
        Map<?, ?> status = (Map<?, ?>) parsed.get("status");
        List<?> destinations = (List<?>) status.get("destinations");
        assertThat(destinations).hasSize(2);
        Map<?, ?> broker = (Map<?, ?>) destinations.get(0);
        assertThat(broker.get("name")).isEqualTo("broker");
        assertThat(broker.get("backlog")).isEqualTo(true);
        assertThat(broker.get("last_error")).isEqualTo("flush: refused");
        Map<?, ?> brokerHealth = (Map<?, ?>) broker.get("health");
        assertThat(brokerHealth.get("state")).isEqualTo("BACKING_OFF");
        assertThat(brokerHealth.get("last_error")).isEqualTo("connection refused \"x\"\n");
        assertThat(((Number) brokerHealth.get("spool_events")).longValue()).isEqualTo(1234L);
        assertThat(((Map<?, ?>) destinations.get(1)).containsKey("health")).isFalse();
        assertThat(new String(line, StandardCharsets.US_ASCII)).endsWith("}\n");
    }
}
