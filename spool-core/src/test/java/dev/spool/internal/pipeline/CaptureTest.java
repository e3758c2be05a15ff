package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.spi.EventKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureTest {

    @Test
    void isReusedPerThreadButANestedCallGetsItsOwn() {
        Capture outer = Capture.acquire(null, Level.INFO);
        Capture nested = Capture.acquire(null, Level.INFO);
        assertThat(nested).isNotSameAs(outer);
        nested.free();
        outer.free();
        Capture again = Capture.acquire(null, Level.INFO);
        assertThat(again).isSameAs(outer);
        again.free();
    }

    @Test
    void cutsAnOversizedMessageOutsideASurrogatePairAndSaysHowMuch() {
        Capture c = Capture.acquire(null, Level.INFO);
        try {
            c.format("{}", 1, "x".repeat(99) + "\uD83D\uDE00" + "y".repeat(10), null, null, 100);
            assertThat(c.message().toString()).isEqualTo("x".repeat(99) + "...[truncated 12 chars]");
        } finally {
            c.free();
        }
    }

    @Test
    void returnsATrailingThrowableArgument() {
        Capture c = Capture.acquire(null, Level.INFO);
        IllegalStateException e = new IllegalStateException("x");
        try {
            assertThat(c.format("failed {}", 2, "a", e, null, 1_000)).isSameAs(e);
            assertThat(c.message().toString()).isEqualTo("failed a");
        } finally {
            c.free();
        }
    }

    @Test
    void aMetricReadsNameEqualsValueUnitAndFreeingMakesItALogEventAgain() {
        Capture c = Capture.acquire(null, Level.INFO);
        c.metric("latency", 4.5, "ms", null);
        assertThat(c.message().toString()).isEqualTo("latency=4.5 ms");
        assertThat(c.kind()).isEqualTo(EventKind.METRIC);
        assertThat(c.metricUnit()).isEqualTo("ms");
        c.free();
        Capture next = Capture.acquire(null, Level.INFO);
        try {
            assertThat(next.kind()).isEqualTo(EventKind.LOG);
            assertThat(next.metricName()).isNull();
            assertThat(next.fieldCount()).isZero();
            assertThat(next.throwable()).isNull();
        } finally {
            next.free();
        }
    }
}
