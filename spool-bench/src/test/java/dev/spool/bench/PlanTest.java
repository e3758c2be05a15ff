package dev.spool.bench;

import dev.spool.bench.run.Shape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanTest {

    @Test
    void fullModeLogsAtLeastTwoMillionEventsAtEveryThreadCount() {
        Plan full = Plan.forMode("full");

        assertThat(full.events()).isGreaterThanOrEqualTo(2_000_000);
        assertThat(full.threadCounts()).containsExactly(1, 4, 16, 64);
        assertThat(full.loads()).containsExactly(50_000, 200_000, 500_000, Plan.SATURATION);
        assertThat(full.sections()).containsExactly("e2e", "latency", "jmh", "multiprocess",
                "otlp", "files", "sqlite", "collector", "amqp", "rabbit-pg");
    }

    @Test
    void quickAndSmokeRunNoServiceSuiteUnlessAsked() {
        assertThat(Plan.forMode("quick").sections()).doesNotContainAnyElementsOf(Plan.SERVICE_SECTIONS);
        assertThat(Plan.forMode("smoke").sections()).doesNotContainAnyElementsOf(Plan.SERVICE_SECTIONS);
    }

    @Test
    void fullModeRunsEveryShapeAtOneAndFourThreadsAndTheMainShapeAtEveryCount() {
        Plan full = Plan.forMode("full");

        assertThat(full.shapes()).containsExactlyElementsOf(Shape.all());
        assertThat(full.threadsFor(Shape.MAIN)).containsExactly(1, 4, 16, 64);
        assertThat(full.threadsFor(Shape.KV)).containsExactly(1, 4);
    }

    @Test
    void smokeModeRunsNoJmhUnlessAsked() {
        assertThat(Plan.forMode("smoke").sections()).containsExactly("e2e", "latency", "multiprocess");
        assertThat(Plan.forMode("smoke").withSections(List.of("jmh")).jmhForks()).isEqualTo(1);
    }

    @Test
    void rejectsAThreadCountThatDoesNotDivideTheEvents() {
        Plan quick = Plan.forMode("quick");

        assertThatThrownBy(() -> quick.withEndToEnd(200_000, List.of(1), List.of(3), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad thread count 3");
    }

    @Test
    void rejectsAnUnknownMode() {
        assertThatThrownBy(() -> Plan.forMode("fast")).hasMessageContaining("expected smoke, quick or full");
    }

    @Test
    void splitsALatencyLoadEvenlyOverTheProducers() {
        Plan quick = Plan.forMode("quick");

        assertThat(quick.perThread(200_000, Duration.ofSeconds(3))).isEqualTo(150_000);
    }

    @Test
    void sizesASaturationRunAsAtFiveHundredThousandPerSecond() {
        assertThat(Plan.forMode("quick").perThread(Plan.SATURATION, Duration.ofSeconds(2))).isEqualTo(250_000);
    }
}
