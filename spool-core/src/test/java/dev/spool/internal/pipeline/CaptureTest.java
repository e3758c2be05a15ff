package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.spi.EventKind;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureTest {

    @Test
    void isReusedPerThreadButANestedCallGetsItsOwn() {
        Capture outer = Capture.acquire();
        Capture nested = Capture.acquire();
        assertThat(nested).isNotSameAs(outer);
        nested.free();
        outer.free();
        Capture again = Capture.acquire();
        assertThat(again).isSameAs(outer);
        again.free();
    }

    @Test
    void presentsTheEventBeingLoggedAsALogEvent() {
        Capture c = Capture.acquire();
        IllegalStateException e = new IllegalStateException("x");
        try {
            c.begin("app.db", TestEvent.RESOURCE, Level.WARN);
            c.format("slow {}", 1, "query", null, null, 1_000);
            c.attach(e, null);
            assertThat(c.logger()).isEqualTo("app.db");
            assertThat(c.level()).isEqualTo(Level.WARN);
            assertThat(c.resource()).isEqualTo(TestEvent.RESOURCE);
            assertThat(c.message().toString()).isEqualTo("slow query");
            assertThat(c.throwable()).isSameAs(e);
            assertThat(c.threadName()).isEqualTo(Thread.currentThread().getName());
            assertThat(c.kind()).isEqualTo(EventKind.LOG);
        } finally {
            c.free();
        }
        assertThat(c.throwable()).as("freed: the exception is not kept alive").isNull();
    }

    @Test
    void cutsAnOversizedMessageOutsideASurrogatePairAndSaysHowMuch() {
        Capture c = Capture.acquire();
        try {
            c.format("{}", 1, "x".repeat(99) + "\uD83D\uDE00" + "y".repeat(10), null, null, 100);
            assertThat(c.message().toString()).isEqualTo("x".repeat(99) + "...[truncated 12 chars]");
        } finally {
            c.free();
        }
    }

    @Test
    void returnsATrailingThrowableArgument() {
        Capture c = Capture.acquire();
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
        Capture c = Capture.acquire();
        c.metric("latency", 4.5, "ms", null);
        assertThat(c.message().toString()).isEqualTo("latency=4.5 ms");
        assertThat(c.kind()).isEqualTo(EventKind.METRIC);
        assertThat(c.metricUnit()).isEqualTo("ms");
        c.free();
        Capture next = Capture.acquire();
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
