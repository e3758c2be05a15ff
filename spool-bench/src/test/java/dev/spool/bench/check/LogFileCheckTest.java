package dev.spool.bench.check;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileCheckTest {

    private static String line(int thread, int index) {
        return "2026-11-22T00:21:32,123 INFO  [bench-producer-" + thread + "] bench.Producer - Thread " + thread
                + " log " + index + " value=42\n";
    }

    private static Verdict check(String text, int threads, int perThread) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return LogFileCheck.check(new ByteArrayInputStream(bytes), bytes.length, threads, perThread);
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
}
