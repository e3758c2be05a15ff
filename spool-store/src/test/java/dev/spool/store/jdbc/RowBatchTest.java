package dev.spool.store.jdbc;

import dev.spool.Context;
import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.RemoteThrowable;
import dev.spool.store.ExceptionText;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowBatchTest {

    @Test
    void aLogEventIsCopiedIntoARowAsItIs() {
        RowBatch rows = new RowBatch(2, StorableText.AS_IS);
        rows.add(TestEvent.event().level(Level.WARN).message("a\0b").field("n", 42L)
                .context(Context.CORRELATION_ID, "req-1").throwable(new IllegalStateException("boom")));
        RowBatch.Row r = rows.row(0);
        assertThat(rows.size()).isEqualTo(1);
        assertThat(r.isMetric()).isFalse();
        assertThat(r.eventId()).hasSize(dev.spool.EventId.TEXT_LENGTH);
        assertThat(r.timestampMicros()).isEqualTo(1_763_769_301_123_456L);
        assertThat(r.level()).isEqualTo(Level.WARN.ordinal());
        assertThat(r.logger()).isEqualTo("app.db");
        assertThat(r.message()).isEqualTo("a\0b");
        assertThat(r.exception()).startsWith("{\"class\":\"java.lang.IllegalStateException\",\"message\":\"boom\",\"stack\":[\"");
        assertThat(r.fields()).isEqualTo("{\"n\":42}");
        assertThat(r.context()).isEqualTo("{\"" + Context.CORRELATION_ID + "\":\"req-1\"}");
        assertThat(r.correlationId()).isEqualTo("req-1");
        assertThat(r.service()).isEqualTo("test-service");
        assertThat(r.pid()).isEqualTo(4242);
    }

    @Test
    void withoutNulReplacesNulAndCutsNamesAndTextAtTheirLimits() {
        RowBatch rows = new RowBatch(1, StorableText.withoutNul(4, 6));
        rows.add(TestEvent.event().logger("app.database").message("0123456789\0").field("k", "a\0b"));
        RowBatch.Row r = rows.row(0);
        assertThat(r.logger()).isEqualTo("app....[8 chars cut]");
        assertThat(r.message()).isEqualTo("012345...[5 chars cut]");
        assertThat(r.thread()).isEqualTo("main");
        assertThat(r.fields()).isEqualTo("{\"k\":\"a\uFFFDb\"}");
        assertThat(StorableText.withoutNul(4, 6).value("a\0bcdefgh")).isEqualTo("a\uFFFDbcdefgh");
    }

    @Test
    void anExceptionWhoseJsonWouldBeCutIsKeptAsPlainTextAndStillReadable() {
        IllegalStateException e = new IllegalStateException("boom");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("a.B", "run", "B.java", 10)});
        RowBatch rows = new RowBatch(3, StorableText.withoutNul(500, 80));
        rows.add(TestEvent.event().throwable(e)); // JSON 92 chars, plain text 61
        rows.add(TestEvent.event().throwable(new RemoteThrowable("E", "x", null, null))); // JSON fits
        rows.add(TestEvent.event().throwable(new RemoteThrowable("E", "m".repeat(200), null, null))); // neither fits

        assertThat(rows.row(0).exception()).isEqualTo("java.lang.IllegalStateException: boom\n\tat a.B.run(B.java:10)\n");
        RemoteThrowable read = ExceptionText.read(rows.row(0).exception());
        assertThat(List.of(read.className(), read.getMessage())).containsExactly("java.lang.IllegalStateException", "boom");
        assertThat(rows.row(1).exception()).isEqualTo("{\"class\":\"E\",\"message\":\"x\",\"stack\":[]}");
        assertThat(rows.row(2).exception()).startsWith("E: mmm").endsWith("...[124 chars cut]");
        assertThat(ExceptionText.read(rows.row(2).exception()).className()).isEqualTo("E");
    }

    @Test
    void aMetricKeepsItsNameValueUnitAndTags() {
        RowBatch rows = new RowBatch(1, StorableText.AS_IS);
        rows.add(new Metric(TestEvent.event().field("route", "/a")));
        RowBatch.Row r = rows.row(0);
        assertThat(r.isMetric()).isTrue();
        assertThat(r.name()).isEqualTo("request_duration");
        assertThat(r.value()).isEqualTo(12.5);
        assertThat(r.unit()).isEmpty();
        assertThat(r.fields()).isEqualTo("{\"route\":\"/a\"}");
    }

    /** A metric sample named request_duration of 12.5 without a unit; the rest is the event's. */
    private static final class Metric implements LogEvent {
        private final TestEvent e;

        Metric(TestEvent e) {
            this.e = e;
        }

        @Override public EventKind kind() { return EventKind.METRIC; }
        @Override public String metricName() { return "request_duration"; }
        @Override public double metricValue() { return 12.5; }
        @Override public String metricUnit() { return null; }
        @Override public long idHigh() { return e.idHigh(); }
        @Override public long idLow() { return e.idLow(); }
        @Override public long timestampMicros() { return e.timestampMicros(); }
        @Override public Level level() { return e.level(); }
        @Override public String logger() { return e.logger(); }
        @Override public String threadName() { return e.threadName(); }
        @Override public long threadId() { return e.threadId(); }
        @Override public CharSequence message() { return e.message(); }
        @Override public int fieldCount() { return e.fieldCount(); }
        @Override public String fieldKey(int index) { return e.fieldKey(index); }
        @Override public Object fieldValue(int index) { return e.fieldValue(index); }
        @Override public ContextMap context() { return e.context(); }
        @Override public Throwable throwable() { return e.throwable(); }
        @Override public Resource resource() { return e.resource(); }
    }

    @Test
    void anEventThatCannotBeReadLeavesTheBatchAsItWas() {
        RowBatch rows = new RowBatch(1, StorableText.AS_IS);
        assertThatThrownBy(() -> rows.add(TestEvent.event().message(null))).isInstanceOf(NullPointerException.class);
        assertThat(rows.size()).isZero();
        assertThat(rows.isFull()).isFalse();
    }

    @Test
    void clearingEmptiesTheBatchAndGrowingKeepsItsRows() {
        RowBatch rows = new RowBatch(1, StorableText.AS_IS);
        rows.add(TestEvent.event());
        assertThat(rows.isFull()).isTrue();
        rows.ensureCapacity(3);
        assertThat(rows.capacity()).isEqualTo(3);
        assertThat(rows.row(0).logger()).isEqualTo("app.db");
        rows.clear();
        assertThat(rows.size()).isZero();
        assertThat(rows.row(0).logger()).isNull();
    }

    @Test
    void theColumnListsMatchTheirCounts() {
        assertThat(RowBatch.LOG_COLUMNS.split(", ")).hasSize(RowBatch.LOG_COLUMN_COUNT);
        assertThat(RowBatch.METRIC_COLUMNS.split(", ")).hasSize(RowBatch.METRIC_COLUMN_COUNT);
    }
}
