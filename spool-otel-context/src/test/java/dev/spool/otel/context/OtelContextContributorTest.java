package dev.spool.otel.context;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.format.TextFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.testkit.Allocation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contributor with the OpenTelemetry API's own context storage (no SDK needed to make a span current),
 * alone and through a real pipeline found by ServiceLoader.
 */
class OtelContextContributorTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    private final OtelContextContributor contributor = new OtelContextContributor();

    private static Span span() {
        return Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
    }

    @Nested
    class Alone {

        @Test
        void addsTheCurrentSpansIds() {
            ContextMap context = ContextMap.EMPTY.with("user", "ann");
            try (Scope ignored = span().makeCurrent()) {
                ContextMap result = contributor.contribute(context);

                assertThat(result.toMap()).containsEntry("trace_id", TRACE_ID).containsEntry("span_id", SPAN_ID)
                        .containsEntry("user", "ann");
            }
        }

        @Test
        void sharesOneMapBetweenTheEventsOfOneSpanAndContext() {
            ContextMap context = ContextMap.EMPTY.with("user", "ann");
            try (Scope ignored = span().makeCurrent()) {
                ContextMap first = contributor.contribute(context);

                assertThat(contributor.contribute(context)).isSameAs(first);
                ContextMap other = context.with("step", "2");
                assertThat(contributor.contribute(other).toMap()).containsEntry("step", "2")
                        .containsEntry("trace_id", TRACE_ID);
            }
            Span child = Span.wrap(SpanContext.create(TRACE_ID, "1111111111111111", TraceFlags.getSampled(),
                    TraceState.getDefault()));
            try (Scope ignored = child.makeCurrent()) {
                assertThat(contributor.contribute(context).get("span_id")).isEqualTo("1111111111111111");
            }
        }

        @Test
        void returnsTheSameContextWithoutASpan() {
            ContextMap context = ContextMap.EMPTY.with("user", "ann");

            assertThat(contributor.contribute(context)).isSameAs(context);
        }

        @Test
        void returnsTheSameContextWhenItHoldsTheIdsAlready() {
            ContextMap context = ContextMap.EMPTY.with("trace_id", TRACE_ID).with("span_id", SPAN_ID);
            try (Scope ignored = span().makeCurrent()) {
                assertThat(contributor.contribute(context)).isSameAs(context);
            }
        }

        @Test
        void ignoresAnInvalidSpan() {
            try (Scope ignored = Span.getInvalid().makeCurrent()) {
                assertThat(contributor.contribute(ContextMap.EMPTY)).isSameAs(ContextMap.EMPTY);
            }
        }

        @Test
        void allocatesNothingWithoutASpan() {
            assumeTrue(Allocation.enable(), "this JVM cannot count allocated bytes");
            ContextMap context = ContextMap.EMPTY.with("user", "ann");
            for (int i = 0; i < 100_000; i++) {
                contributor.contribute(context);
            }

            long bytes = Allocation.last(Allocation.rounds(1024, () -> {
                for (int i = 0; i < 100_000; i++) {
                    contributor.contribute(context);
                }
            }));

            assertThat(bytes).isLessThan(1024);
        }
    }

    @Nested
    class AllocationInASpan {

        @Test
        void allocatesNothingForFurtherEventsOfTheSameSpanAndContext() {
            assumeTrue(Allocation.enable(), "this JVM cannot count allocated bytes");
            ContextMap context = ContextMap.EMPTY.with("user", "ann");
            try (Scope ignored = span().makeCurrent()) {
                for (int i = 0; i < 100_000; i++) {
                    contributor.contribute(context);
                }

                long bytes = Allocation.last(Allocation.rounds(1024, () -> {
                    for (int i = 0; i < 100_000; i++) {
                        contributor.contribute(context);
                    }
                }));

                assertThat(bytes).isLessThan(1024);
            }
        }
    }

    /** Formats each event with a pattern, as a console or file destination would. */
    static final class PatternSink implements Sink {
        private final TextFormat format = TextFormat.of("%X{trace_id}/%X{span_id} %m", ZoneOffset.UTC);
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void write(LogEvent event) {
            ByteBuilder out = new ByteBuilder(64);
            format.format(event, out);
            lines.add(out.toString());
        }

        @Override public void flush() { }
        @Override public void close() { }
    }

    @Test
    void everyEventLoggedInASpanCarriesItsIds() {
        PatternSink sink = new PatternSink();
        Spool.configure(SpoolConfig.builder().name("traced").jmx(false).shutdownHook(false)
                .destination("lines", context -> sink).route("all", "", Level.TRACE, "lines").build());
        try {
            try (Scope ignored = span().makeCurrent()) {
                Spool.logger("app").info("inside");
            }
            Spool.logger("app").info("outside");
            assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        } finally {
            Spool.shutdown(Duration.ofSeconds(30));
        }

        synchronized (sink) {
            assertThat(sink.lines).containsExactly(TRACE_ID + "/" + SPAN_ID + " inside", "/ outside");
        }
    }
}
