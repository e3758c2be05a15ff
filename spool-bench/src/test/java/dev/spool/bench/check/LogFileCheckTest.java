package dev.spool.bench.check;

import dev.spool.bench.run.Shape;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileCheckTest {

    private static String line(int thread, int index) {
        return "2026-11-22T00:21:32,123 INFO  [bench-producer-" + thread + "] bench.Producer - Thread " + thread
                + " log " + index + " value=42\n";
    }

    private static Verdict check(String text, int threads, int perThread) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return LogFileCheck.check(new ByteArrayInputStream(bytes), bytes.length, threads, perThread, Shape.MAIN, "spool");
    }

    /** Two producers of three events each, interleaved as a real run would write them. */
    private static String complete() {
        return line(0, 0) + line(1, 0) + line(0, 1) + line(1, 1) + line(1, 2) + line(0, 2);
    }

    @Nested
    class Passes {
        @Test
        void whenEveryEventIsPresentOnceInEachProducersOrder() throws IOException {
            Verdict v = check(complete(), 2, 3);

            assertThat(v.ok()).isTrue();
            assertThat(v.label()).isEqualTo("OK");
            assertThat(v.lines()).isEqualTo(6);
            assertThat(v.expected()).isEqualTo(6);
        }

        @Test
        void whateverThePatternPutsBeforeTheMessage() throws IOException {
            String logbackStyle = "2026-11-22 00:21:32,123 INFO  [main] bench.Producer - Thread 0 log 0 value=42\n";
            String crlf = "00:21 INFO x - Thread 0 log 1 value=42\r\n";

            assertThat(check(logbackStyle + crlf, 1, 2).ok()).isTrue();
        }

        @Test
        void whenTheLastLineHasNoNewline() throws IOException {
            String text = complete();

            assertThat(check(text.substring(0, text.length() - 1), 2, 3).ok()).isTrue();
        }
    }

    @Nested
    class Fails {
        @Test
        void countingMissingEventsAsLost() throws IOException {
            Verdict v = check(line(0, 0) + line(0, 2), 2, 3);

            assertThat(v.ok()).isFalse();
            assertThat(v.lost()).isEqualTo(4);
            assertThat(v.label()).isEqualTo("LOST 4/6");
        }

        @Test
        void countingAnEventWrittenAfterALaterOneOfTheSameProducerAsReordered() throws IOException {
            Verdict v = check(line(0, 1) + line(0, 0) + line(1, 0) + line(0, 2) + line(1, 2) + line(1, 1), 2, 3);

            assertThat(v.reordered()).isEqualTo(2);
            assertThat(v.lost()).isZero();
            assertThat(v.label()).isEqualTo("REORDERED 2/6");
        }

        @Test
        void countingAnEventWrittenTwiceAsDuplicated() throws IOException {
            Verdict v = check(complete() + line(1, 1), 2, 3);

            assertThat(v.duplicated()).isEqualTo(1);
            assertThat(v.label()).isEqualTo("DUPLICATED 1/6");
        }

        @Test
        void countingForeignAndTruncatedLinesAsMalformed() throws IOException {
            String truncated = line(0, 2).substring(0, 40) + "\n";
            String otherValue = line(0, 1).replace("value=42", "value=43");
            Verdict v = check(line(0, 0) + otherValue + truncated + "spool: warning\n", 1, 3);

            assertThat(v.malformed()).isEqualTo(3);
            assertThat(v.lost()).isEqualTo(2);
            assertThat(v.label()).isEqualTo("LOST 2/3 MALFORMED 3/3");
        }

        @Test
        void countingProducersAndIndexesOutOfRangeAsMalformed() throws IOException {
            Verdict v = check(line(0, 0) + line(2, 0) + line(0, 9), 1, 1);

            assertThat(v.malformed()).isEqualTo(2);
            assertThat(v.ok()).isFalse();
        }

        @Test
        void whenTheFileIsEmpty() throws IOException {
            Verdict v = check("", 4, 10);

            assertThat(v.lost()).isEqualTo(40);
            assertThat(v.lines()).isZero();
        }
    }

    /**
     * Every call shape as each backend family writes it (the lines the smoke run's real backends produce:
     * Spool indents an exception's first line, Log4j 2 and Logback do not; each prints key/values its own
     * way): a complete file passes, and one with an event lost, reordered, duplicated or changed fails.
     */
    @Nested
    class EveryShape {

        private static final String[] FRAMES = {"\tat bench.Service.handle(Service.java:42)",
            "\tat bench.Dispatcher.dispatch(Dispatcher.java:17)", "\tat bench.Worker.run(Worker.java:8)"};
        private static final int THREADS = 2;
        private static final int PER_THREAD = 4;

        static Stream<Arguments> shapesAndFamilies() {
            return Shape.all().stream().flatMap(shape -> Stream.of("spool", "log4j2", "logback")
                    .filter(family -> shape.slf4j() || family.equals("spool"))
                    .map(family -> Arguments.of(shape, family)));
        }

        /** The lines of one event (its stack trace included) as backend family {@code family} writes them. */
        private String event(Shape shape, String family, int thread, int index) {
            StringBuilder s = new StringBuilder("2026-12-06T00:00:39,626 INFO  [bench-producer-").append(thread)
                    .append("] bench.Producer - ").append(shape.message(thread, index)).append(shape.kvSuffix(family))
                    .append('\n');
            if (shape.throwable()) {
                s.append(family.equals("spool") ? "\t" : "").append(Shape.FAILURE_HEADER).append('\n');
                for (String frame : FRAMES) {
                    s.append(frame).append('\n');
                }
            }
            return s.toString();
        }

        /** Each producer's events in order, the producers interleaved. */
        private List<String> events(Shape shape, String family) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
                for (int t = 0; t < THREADS; t++) {
                    events.add(event(shape, family, t, i));
                }
            }
            return events;
        }

        private Verdict check(Shape shape, String family, List<String> events) throws IOException {
            byte[] bytes = String.join("", events).getBytes(StandardCharsets.UTF_8);
            return LogFileCheck.check(new ByteArrayInputStream(bytes), bytes.length, THREADS, PER_THREAD, shape, family);
        }

        @ParameterizedTest(name = "{0} by {1}")
        @MethodSource("shapesAndFamilies")
        void passesWhenComplete(Shape shape, String family) throws IOException {
            Verdict v = check(shape, family, events(shape, family));

            assertThat(v.label()).isEqualTo("OK");
            assertThat(v.lines()).isEqualTo(THREADS * PER_THREAD);
        }

        @ParameterizedTest(name = "{0} by {1}")
        @MethodSource("shapesAndFamilies")
        void failsWhenAnEventIsLost(Shape shape, String family) throws IOException {
            List<String> events = events(shape, family);
            events.remove(3); // producer 1's event 1

            Verdict v = check(shape, family, events);

            assertThat(v.ok()).isFalse();
            assertThat(v.lost()).isEqualTo(1);
            assertThat(v.label()).startsWith("LOST 1/8");
        }

        @ParameterizedTest(name = "{0} by {1}")
        @MethodSource("shapesAndFamilies")
        void failsWhenAnEventIsDuplicated(Shape shape, String family) throws IOException {
            List<String> events = events(shape, family);
            events.add(events.get(2));

            assertThat(check(shape, family, events).ok()).isFalse();
        }

        @ParameterizedTest(name = "{0} by {1}")
        @MethodSource("shapesAndFamilies")
        void failsWhenAnEventIsWrittenWrong(Shape shape, String family) throws IOException {
            List<String> events = events(shape, family);
            events.set(4, events.get(4).replaceFirst(" - ", " - x"));

            Verdict v = check(shape, family, events);

            assertThat(v.malformed()).isPositive(); // with a throwable, the orphaned trace counts too
            assertThat(v.ok()).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Shape.class, names = "ARGS0", mode = EnumSource.Mode.EXCLUDE)
        void failsWhenAProducersEventsAreReordered(Shape shape) throws IOException {
            String family = shape.slf4j() ? "log4j2" : "spool";
            List<String> events = events(shape, family);
            Collections.swap(events, 1, 5); // producer 1's events 0 and 2

            Verdict v = check(shape, family, events);

            assertThat(v.reordered()).isPositive();
            assertThat(v.lost()).isZero();
            assertThat(v.label()).startsWith("REORDERED");
        }

        @Test
        void failsWhenAnExceptionIsMissingOrWithoutItsEvent() throws IOException {
            List<String> events = events(Shape.THROWABLE, "logback");
            events.set(2, events.get(2).substring(0, events.get(2).indexOf('\n') + 1)); // the line, not its trace
            events.add(Shape.FAILURE_HEADER + "\n");

            Verdict v = check(Shape.THROWABLE, "logback", events);

            assertThat(v.malformed()).isEqualTo(2);
            assertThat(v.lost()).isZero();
        }

        @Test
        void failsWhenTheKeyValuesAreMissing() throws IOException {
            List<String> events = events(Shape.KV, "spool");

            assertThat(check(Shape.KV, "logback", events).malformed()).isEqualTo(THREADS * PER_THREAD);
        }

        @Test
        void failsWhenTheThreadNameDisagreesWithTheMessage() throws IOException {
            List<String> events = events(Shape.ARGS2, "spool");
            events.set(0, events.get(0).replace("[bench-producer-0]", "[bench-producer-1]"));

            assertThat(check(Shape.ARGS2, "spool", events).malformed()).isEqualTo(1);
        }

        @Test
        void countsArgs0PerProducerFromTheThreadName() throws IOException {
            List<String> events = events(Shape.ARGS0, "logback");
            events.add(events.remove(1)); // reordering a constant message cannot be seen ...
            assertThat(check(Shape.ARGS0, "logback", events).ok()).isTrue();

            events.set(1, events.get(1).replace("[bench-producer-0]", "[bench-producer-1]")); // ... a wrong count can
            Verdict v = check(Shape.ARGS0, "logback", events);
            assertThat(v.lost()).isEqualTo(1);
            assertThat(v.malformed()).isEqualTo(1);
        }
    }

    @Nested
    class TwoPasses {
        @Test
        void countsTheBytesOfTheMeasuredPassAlone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws IOException {
            // two producers, two cold events each (indexes 0-1), then three measured ones (2-4), interleaved
            String cold = line(0, 0) + line(1, 0) + line(1, 1) + line(0, 1);
            String measured = line(0, 2) + line(1, 2) + line(0, 3) + line(1, 3) + line(1, 4) + line(0, 4);
            java.nio.file.Path file = dir.resolve("events.log");
            java.nio.file.Files.writeString(file, cold + measured, StandardCharsets.UTF_8);

            LogFileCheck.Passes passes = LogFileCheck.check(file, 2, 2, 3, Shape.MAIN, "spool");

            assertThat(passes.verdict().ok()).isTrue();
            assertThat(passes.verdict().expected()).isEqualTo(10);
            assertThat(passes.verdict().bytes()).isEqualTo((cold + measured).length());
            assertThat(passes.measuredBytes()).isEqualTo(measured.length());
        }

        @Test
        void aLostColdEventFailsTheWholeFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws IOException {
            java.nio.file.Path file = dir.resolve("events.log");
            java.nio.file.Files.writeString(file, line(0, 1) + line(0, 2), StandardCharsets.UTF_8);

            LogFileCheck.Passes passes = LogFileCheck.check(file, 1, 2, 1, Shape.MAIN, "spool");

            assertThat(passes.verdict().label()).isEqualTo("LOST 1/3");
            assertThat(passes.measuredBytes()).isEqualTo(line(0, 2).length());
        }
    }
}
