package dev.spool.format;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Options;
import dev.spool.testkit.Allocation;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Steady-state formatting must not allocate: measured with the JVM's per-thread allocation counter, a
 * property of the code rather than a timing.
 */
class FormatAllocationTest {

    private static final int WARM_UP_EVENTS = 200_000;
    private static final int MEASURED_EVENTS = 100_000;
    private static final long BUDGET_BYTES = 1024;

    /** Every token that should be free, with widths, in a zone with daylight saving time. */
    private static final String ALL_TOKENS = "%d{ISO8601} %d{ISO8601_MICROS} %d{HH:mm:ss.SSS xxx} %d{UNIX_MILLIS} "
            + "%-5p [%15.-15t] %tid %c %c{1} %.10c %X %X{user} %ctx %highlight{%p} %id %service %host %pid - %m%kv%n";

    @BeforeAll
    static void requireAllocationCounter() {
        assumeTrue(Allocation.enable(), "this JVM cannot count allocated bytes");
    }

    /** Two events in the same second with string and long fields and context, as a busy logger sees. */
    private static LogEvent[] events() {
        return new LogEvent[] {
            TestEvent.event().field("user_id", 42L).field("name", "ann\n").field("ok", true).field("n", 7)
                    .context("user", "ann").context("correlation_id", "c-1").message("login \"ok\" é 😀"),
            TestEvent.event().timestampMicros(1_763_769_301_999_999L).level(Level.WARN).thread("worker-12", 12)
                    .field("order", "A-17").field("total_cents", 129_900L).message("slow\tpath")
        };
    }

    @Test
    void textFormatAllocatesNothingPerEventOnceWarm() {
        Format format = TextFormat.of(ALL_TOKENS, ZoneId.of("Europe/Paris"));

        assertThat(allocatedBytes(format, events())).isLessThan(BUDGET_BYTES);
    }

    @Test
    void defaultTextPatternAllocatesNothingPerEventOnceWarm() {
        Format format = TextFormat.of(TextFormat.DEFAULT, ZoneId.of("UTC"));

        assertThat(allocatedBytes(format, events())).isLessThan(BUDGET_BYTES);
    }

    @Test
    void consoleDefaultPatternWithColourAllocatesNothingPerEventOnceWarm() {
        Format format = TextFormat.of(TextFormat.CONSOLE_DEFAULT, ZoneId.of("UTC"), true);

        assertThat(allocatedBytes(format, events())).isLessThan(BUDGET_BYTES);
    }

    @Test
    void jsonFormatAllocatesNothingPerEventOnceWarm() {
        assertThat(allocatedBytes(JsonFormat.of(), events())).isLessThan(BUDGET_BYTES);
    }

    @Test
    void jsonFormatAllocatesNothingWithMoreLoggersAndThreadsThanItKeeps() {
        // 300 loggers and 100 threads in turn: more than the format keeps encoded, so slots are shared.
        LogEvent[] events = new LogEvent[300];
        for (int i = 0; i < events.length; i++) {
            events[i] = TestEvent.event().logger("app.module" + i).thread("worker-" + (i % 100), i % 100)
                    .field("n", (long) i).message("step " + i);
        }

        assertThat(allocatedBytes(JsonFormat.of(), events)).isLessThan(BUDGET_BYTES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "ecs", "gelf", "logstash", "otlp-json"})
    void jsonLayoutsAllocateNothingPerEventOnceWarm(String name) {
        Map<String, String> options = new HashMap<>(Map.of("format", name, "json.static.team", "pay"));
        if (!name.equals("otlp-json")) {
            options.put("json.rename." + (name.equals("gelf") ? "short_message" : "message"), "msg");
        }
        Format format = Formats.fromOptions(new Options("destination.app.", options));
        LogEvent[] events = events();
        // otlp-json moves a trace context to traceId/spanId: measure that path too.
        LogEvent traced = TestEvent.event().context("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .context("span_id", "00f067aa0ba902b7").message("traced");

        assertThat(allocatedBytes(format, events[0], events[1], traced)).isLessThan(BUDGET_BYTES);
    }

    /**
     * An exception without cause or suppressed ones costs only the copy of its stack the JDK hands out
     * (32 bytes for three frames; gelf writes the stack twice, in full_message and _error_stack_trace); the
     * writer state and the frames' text cost nothing once warm.
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "ecs", "gelf", "logstash", "otlp-json"})
    void anExceptionCostsOnlyTheJdksCopyOfItsStack(String name) {
        Format format = name.equals("text") ? TextFormat.of(TextFormat.DEFAULT, ZoneId.of("UTC"))
                : Formats.fromOptions(new Options("destination.app.", Map.of("format", name)));
        IllegalStateException failure = new IllegalStateException("failed");
        failure.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("app.Service", "handle", "Service.java", 42),
            new StackTraceElement("app.Dispatcher", "dispatch", "Dispatcher.java", 17),
            new StackTraceElement("app.Worker", "run", "Worker.java", 8)});
        LogEvent event = TestEvent.event().message("failed").throwable(failure);

        long copies = name.equals("gelf") ? 2 : 1;

        assertThat(allocatedBytes(format, event)).isLessThanOrEqualTo(MEASURED_EVENTS * 32L * copies + BUDGET_BYTES);
    }

    @Test
    void measurementSeesAllocationWhenThereIsSome() {
        // Doubles go through Double.toString: this proves the counter would catch an allocating format.
        LogEvent withDouble = TestEvent.event().field("ratio", 0.25);

        assertThat(allocatedBytes(JsonFormat.of(), withDouble)).isGreaterThan(MEASURED_EVENTS * 16L);
    }

    private static long allocatedBytes(Format format, LogEvent... events) {
        ByteBuilder out = new ByteBuilder(4096);
        formatMany(format, events, out, WARM_UP_EVENTS);
        return Allocation.last(Allocation.rounds(BUDGET_BYTES, () -> formatMany(format, events, out, MEASURED_EVENTS)));
    }

    private static void formatMany(Format format, LogEvent[] events, ByteBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.clear();
            format.format(events[i % events.length], out);
        }
    }
}
