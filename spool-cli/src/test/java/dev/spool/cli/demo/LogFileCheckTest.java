package dev.spool.cli.demo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileCheckTest {

    private static final String RUN = "a1b2c3";
    private static final int WORKERS = 3;
    private static final int EVENTS = 5;

    /** A log line as a text layout might write it, with the demo message in the middle. */
    static String line(String phase, int worker, int seq, String run) {
        String message = LogFileCheck.MESSAGE;
        for (Object arg : new Object[] {worker, seq, phase, run}) {
            message = message.replaceFirst("\\{}", String.valueOf(arg));
        }
        return "2025-11-22T10:15:30.123456Z INFO  [" + phase + "-worker-" + worker + "] CONCURRENCY - " + message
                + " thread_index=" + worker + " seq=" + seq + " correlation_id=" + run + "-" + phase + "-" + worker;
    }

    /** Both phases; workers interleaved round-robin, the highest worker first, as threads would race. */
    static List<String> goodLog() {
        List<String> lines = new ArrayList<>();
        for (String phase : List.of("concurrency", "stress")) {
            for (int seq = 0; seq < EVENTS; seq++) {
                for (int worker = WORKERS - 1; worker >= 0; worker--) {
                    lines.add(line(phase, worker, seq, RUN));
                }
            }
        }
        return lines;
    }

    private static LogFileCheck.Result check(List<String> lines) {
        return new LogFileCheck(RUN).expect("concurrency", WORKERS, EVENTS).expect("stress", WORKERS, EVENTS)
                .verify(lines);
    }

    @Nested
    class Accepts {
        @Test
        void everyEventOnceInEachWorkersOrderWhateverTheInterleaving() {
            LogFileCheck.Result result = check(goodLog());

            assertThat(result.ok()).isTrue();
            assertThat(result.found()).isEqualTo(2 * WORKERS * EVENTS);
            assertThat(result.describe()).isEqualTo("verified: 30 events, per-thread order OK");
        }

        @Test
        void aLogWithLinesOfOtherRunsAndOtherSources() {
            List<String> lines = goodLog();
            lines.add(4, line("stress", 0, 0, "ffffff"));
            lines.add(0, "spool: something unrelated");

            LogFileCheck.Result result = check(lines);

            assertThat(result.ok()).isTrue();
            assertThat(result.otherLines()).isEqualTo(2);
        }
    }

    @Nested
    class Rejects {
        @Test
        void aMissingEvent() {
            List<String> lines = goodLog();
            assertThat(lines.remove(line("stress", 1, 3, RUN))).isTrue();

            LogFileCheck.Result result = check(lines);

            assertThat(result.ok()).isFalse();
            assertThat(result.missing()).isEqualTo(1);
            assertThat(result.describe()).startsWith("29 of 30 events found, 1 missing, 0 duplicated")
                    .contains("stress worker 1 event 3 is missing");
        }

        @Test
        void aWorkerWithNoEventsAtAll() {
            List<String> lines = goodLog();
            lines.removeIf(l -> l.contains("[concurrency-worker-2]"));

            LogFileCheck.Result result = check(lines);

            assertThat(result.missing()).isEqualTo(EVENTS);
            assertThat(result.describe()).contains("concurrency worker 2 is missing 5 events, the first is event 0");
        }

        @Test
        void anEmptyLog() {
            LogFileCheck.Result result = check(List.of());

            assertThat(result.ok()).isFalse();
            assertThat(result.missing()).isEqualTo(2 * WORKERS * EVENTS);
        }

        @Test
        void aDuplicatedEvent() {
            List<String> lines = goodLog();
            lines.add(line("concurrency", 0, 1, RUN));

            LogFileCheck.Result result = check(lines);

            assertThat(result.ok()).isFalse();
            assertThat(result.duplicated()).isEqualTo(1);
            assertThat(result.missing()).isZero();
            assertThat(result.describe()).contains("concurrency worker 0 event 1 appears more than once");
        }

        @Test
        void twoEventsOfOneWorkerInTheWrongOrder() {
            List<String> lines = goodLog();
            Collections.swap(lines, lines.indexOf(line("concurrency", 0, 2, RUN)),
                    lines.indexOf(line("concurrency", 0, 3, RUN)));

            LogFileCheck.Result result = check(lines);

            assertThat(result.ok()).isFalse();
            assertThat(result.outOfOrder()).isEqualTo(1);
            assertThat(result.missing()).isZero();
            assertThat(result.describe()).contains("concurrency worker 0 event 2 comes after its event 3");
        }

        @Test
        void anEventOfAWorkerOrSequenceNobodyLogged() {
            List<String> lines = goodLog();
            lines.add(line("stress", WORKERS, 0, RUN));
            lines.add(line("stress", 0, EVENTS, RUN));
            lines.add(line("warmup", 0, 0, RUN));

            LogFileCheck.Result result = check(lines);

            assertThat(result.ok()).isFalse();
            assertThat(result.unexpected()).isEqualTo(3);
            assertThat(result.describe()).contains("unexpected event: stress worker 3 event 0");
        }
    }
}
