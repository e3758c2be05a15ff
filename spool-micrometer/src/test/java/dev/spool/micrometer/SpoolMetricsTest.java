package dev.spool.micrometer;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.spi.Ingress;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.TestEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A real pipeline's counters through a SimpleMeterRegistry and in a Prometheus scrape. */
class SpoolMetricsTest {

    private final CapturingSink sink = new CapturingSink();
    private Ingress pipeline;

    @BeforeEach
    void start() {
        pipeline = Ingress.start(SpoolConfig.builder().name("metered").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory()).route("root", "", Level.TRACE, "capture").build());
    }

    @AfterEach
    void stop() {
        pipeline.shutdown(Duration.ofSeconds(5));
    }

    private void log(int events) {
        for (int i = 0; i < events; i++) {
            pipeline.ingest(TestEvent.event().message("m" + i));
        }
        assertThat(pipeline.flush(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void countsWhatThePipelineCountsTaggedByPipelineAndDestination() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new SpoolMetrics(pipeline::stats, Duration.ZERO).bindTo(registry);
        log(7);
        assertThat(registry.get("spool.events.accepted").tag("pipeline", "metered").functionCounter().count()).isEqualTo(7);
        assertThat(registry.get("spool.events.written").functionCounter().count()).isEqualTo(7);
        assertThat(registry.get("spool.events.dropped").tag("reason", "queue_full").functionCounter().count()).isZero();
        assertThat(registry.get("spool.events.pending").gauge().value()).isZero();
        assertThat(registry.get("spool.queue.capacity").gauge().value()).isEqualTo(pipeline.stats().queueCapacity());
        assertThat(registry.get("spool.destination.written").tag("destination", "capture").functionCounter().count())
                .isEqualTo(7);
        assertThat(registry.get("spool.destination.backlog").tag("destination", "capture").gauge().value()).isZero();
        log(3);
        assertThat(registry.get("spool.events.written").functionCounter().count()).isEqualTo(10);
    }

    @Test
    void showsEachNumberADestinationReportsOfItself() {
        dev.spool.spi.Sink reporting = new dev.spool.spi.Sink() {
            private long written;

            @Override public void write(dev.spool.spi.LogEvent event) { written++; }
            @Override public void flush() { }
            @Override public void close() { }
            @Override public java.util.Map<String, Object> health() {
                return java.util.Map.of("state", "CONNECTED", "spool_events", 41L, "seen", written);
            }
        };
        Ingress other = Ingress.start(SpoolConfig.builder().name("reporting").shutdownHook(false).jmx(false)
                .destination("net", context -> reporting).route("root", "", Level.TRACE, "net").build());
        try {
            MeterRegistry registry = new SimpleMeterRegistry();
            new SpoolMetrics(other::stats, Duration.ZERO).bindTo(registry);
            assertThat(registry.get("spool.destination.health").tag("destination", "net").tag("key", "spool_events")
                    .gauge().value()).isEqualTo(41);
            assertThat(registry.find("spool.destination.health").tag("key", "state").gauge()).as("text is not a gauge").isNull();
        } finally {
            other.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void appearsInAPrometheusScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new SpoolMetrics(pipeline::stats, Duration.ZERO).bindTo(registry);
        log(5);
        String scrape = registry.scrape();
        assertThat(scrape).contains("spool_events_accepted_total{pipeline=\"metered\"} 5.0")
                .contains("spool_events_written_total{pipeline=\"metered\"} 5.0")
                .contains("spool_events_dropped_total{pipeline=\"metered\",reason=\"queue_full\"} 0.0")
                .contains("spool_destination_written_total{destination=\"capture\",pipeline=\"metered\",type=\"custom\"} 5.0")
                .contains("# HELP spool_events_written_total events handed to all their destinations");
    }
}
