package dev.spool.micrometer;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.testkit.CapturingSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder against a real pipeline: three destinations (one healthy, one whose writes throw, one that
 * reports health), events logged before and after shutdown, read through a SimpleMeterRegistry, the
 * Prometheus registry's scrape text, and Spring Boot's auto-configuration.
 */
class SpoolMetricsTest {

    private static final int EVENTS = 5;
    private static final CapturingSink GOOD = new CapturingSink();
    private static final CapturingSink BROKEN = new CapturingSink();

    /** A destination that reports health entries of each kind a real one (amqp) reports. */
    static final class ReportingSink implements Sink {
        @Override public void write(LogEvent event) { }
        @Override public void flush() { }
        @Override public void close() { }
        @Override public Map<String, Object> health() {
            return Map.of("spool_events", 7L, "connected", true, "state", "CONNECTED");
        }
    }

    @BeforeAll
    static void logThroughARealPipeline() {
        BROKEN.failWith(new IllegalStateException("disk gone"));
        Spool.configure(SpoolConfig.builder().name("app").jmx(false).shutdownHook(false)
                .destination("good", GOOD.factory())
                .destination("broken", BROKEN.factory())
                .destination("remote", context -> new ReportingSink())
                .route("all", "", Level.TRACE, "good", "broken", "remote")
                .build());
        Logger log = Spool.logger("app.orders");
        for (int i = 0; i < EVENTS; i++) {
            log.info("order {}", i);
        }
        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        Spool.shutdown(Duration.ofSeconds(30));
        log.info("too late"); // counted as dropped: after_shutdown
    }

    @AfterAll
    static void stop() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    private static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private static double gauge(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Nested
    class WithASimpleRegistry {

        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        WithASimpleRegistry() {
            new SpoolMetrics().bindTo(registry);
        }

        @Test
        void countsAcceptedWrittenAndDroppedByReason() {
            assertThat(counter(registry, "spool.events.accepted", "pipeline", "app")).isEqualTo(EVENTS + 1);
            assertThat(counter(registry, "spool.events.written", "pipeline", "app")).isEqualTo(EVENTS);
            assertThat(counter(registry, "spool.events.dropped", "pipeline", "app", "reason", "after_shutdown"))
                    .isEqualTo(1);
            assertThat(counter(registry, "spool.events.dropped", "pipeline", "app", "reason", "queue_full"))
                    .isZero();
            assertThat(counter(registry, "spool.batches", "pipeline", "app")).isPositive();
        }

        @Test
        void showsTheQueue() {
            assertThat(gauge(registry, "spool.queue.depth", "pipeline", "app")).isZero();
            assertThat(gauge(registry, "spool.queue.depth.max", "pipeline", "app")).isBetween(1.0, (double) EVENTS);
            assertThat(gauge(registry, "spool.queue.capacity", "pipeline", "app"))
                    .isEqualTo(SpoolConfig.DEFAULT_QUEUE_CAPACITY);
        }

        @Test
        void countsEachDestinationApart() {
            assertThat(counter(registry, "spool.destination.written", "destination", "good", "type", "custom"))
                    .isEqualTo(EVENTS);
            assertThat(counter(registry, "spool.destination.written", "destination", "broken")).isZero();
            assertThat(counter(registry, "spool.destination.failed", "destination", "broken")).isEqualTo(EVENTS);
            assertThat(counter(registry, "spool.destination.failed", "destination", "good")).isZero();
            assertThat(counter(registry, "spool.destination.errors", "destination", "broken")).isPositive();
            assertThat(gauge(registry, "spool.destination.backlog", "destination", "good")).isZero();
            assertThat(gauge(registry, "spool.destination.held", "destination", "good")).isZero();
        }

        @Test
        void exposesNumericAndBooleanHealthEntries() {
            assertThat(gauge(registry, "spool.destination.health", "destination", "remote", "key", "spool_events"))
                    .isEqualTo(7);
            assertThat(gauge(registry, "spool.destination.health", "destination", "remote", "key", "connected"))
                    .isEqualTo(1);
            assertThat(registry.find("spool.destination.health").tag("key", "state").gauge()).isNull();
        }
    }

    @Test
    void scrapesAsPrometheusText() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new SpoolMetrics().bindTo(registry);

        String scrape = registry.scrape();

        assertThat(scrape).contains(
                "spool_events_accepted_events_total{pipeline=\"app\"} " + (double) (EVENTS + 1),
                "spool_events_written_events_total{pipeline=\"app\"} " + (double) EVENTS,
                "spool_events_dropped_events_total{pipeline=\"app\",reason=\"after_shutdown\"} 1.0",
                "spool_destination_failed_events_total{destination=\"broken\",pipeline=\"app\",type=\"custom\"} "
                        + (double) EVENTS,
                "spool_destination_health{destination=\"remote\",key=\"spool_events\",pipeline=\"app\",type=\"custom\"} 7.0",
                "spool_queue_depth{pipeline=\"app\"} 0.0");
    }

    @Nested
    class InSpringBoot {

        @Configuration(proxyBeanMethods = false)
        @EnableAutoConfiguration
        static class App {
            @Bean
            SimpleMeterRegistry registry() {
                return new SimpleMeterRegistry();
            }
        }

        @Test
        void bindsItselfToTheApplicationsRegistry() {
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                    .web(WebApplicationType.NONE).properties("spring.main.banner-mode=off").run()) {
                MeterRegistry registry = context.getBean(MeterRegistry.class);

                assertThat(context.getBeansOfType(SpoolMetrics.class)).hasSize(1);
                assertThat(counter(registry, "spool.events.written", "pipeline", "app")).isEqualTo(EVENTS);
            } finally {
                System.clearProperty("org.springframework.boot.logging.LoggingSystem");
            }
        }
    }
}
