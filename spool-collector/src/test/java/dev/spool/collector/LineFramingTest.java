package dev.spool.collector;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Bytes in reads of any size become the lines they hold, and never more than the limit is kept. */
class LineFramingTest {

    private static final int LIMIT = 100;

    private final LineFraming framing = new LineFraming();
    private final Recorder lines = new Recorder(LIMIT);

    /** Keeps the lines it gets; its limit and when it says stop are set by each test. */
    private static final class Recorder implements LineFraming.Lines {
        final List<byte[]> got = new ArrayList<>();
        int limit;
        int limitAfterFirstLine = -1;
        int stopAfter = Integer.MAX_VALUE;

        Recorder(int limit) {
            this.limit = limit;
        }

        @Override
        public int maxLineBytes() {
            return limit;
        }

        @Override
        public boolean line(byte[] bytes, int offset, int length) {
            got.add(Arrays.copyOfRange(bytes, offset, offset + length));
            if (limitAfterFirstLine >= 0) {
                limit = limitAfterFirstLine;
            }
            return got.size() < stopAfter;
        }

        List<String> text() {
            return got.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
        }
    }

    private boolean feed(String text) {
        return feed(text, 0);
    }

    private boolean feed(String text, long nowNanos) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return framing.feed(bytes, 0, bytes.length, nowNanos, lines);
    }

    @Nested
    class CompleteLines {

        @Test
        void deliversEachLineOfOneReadWithoutItsLineFeed() {
            assertThat(feed("first\nsecond\nthird\n")).isTrue();
            assertThat(lines.text()).containsExactly("first", "second", "third");
            assertThat(framing.pendingBytes()).isZero();
        }

        @Test
        void deliversAnEmptyLineAsAnEmptyLine() {
            feed("\n\na\n");
            assertThat(lines.text()).containsExactly("", "", "a");
        }

        @Test
        void dropsTheCarriageReturnBeforeTheLineFeedAndKeepsOneInside() {
            feed("crlf\r\nin\rside\n\r\n");
            assertThat(lines.text()).containsExactly("crlf", "in\rside", "");
        }

        @Test
        void holdsNoBufferWhenEveryLineEndedInTheRead() {
            feed("a\nb\n");
            assertThat(framing.bufferBytes()).isZero();
        }

        @Test
        void readsOnlyTheGivenRangeOfTheBuffer() {
            byte[] bytes = "xxa\nb\nyy".getBytes(StandardCharsets.US_ASCII);
            framing.feed(bytes, 2, 4, 0, lines);
            assertThat(lines.text()).containsExactly("a", "b");
            assertThat(framing.pendingBytes()).isZero();
        }
    }

    @Nested
    class SplitOverReads {

        @Test
        void joinsALineSplitOverTwoReads() {
            feed("one\ntw");
            assertThat(lines.text()).containsExactly("one");
            feed("o\nthree\n");
            assertThat(lines.text()).containsExactly("one", "two", "three");
        }

        @Test
        void joinsALineSentOneByteAtATime() {
            for (char c : "slowly\n".toCharArray()) {
                feed(String.valueOf(c));
            }
            assertThat(lines.text()).containsExactly("slowly");
        }

        @Test
        void dropsACarriageReturnThatCameInTheReadBeforeTheLineFeed() {
            feed("a\r");
            feed("\n");
            assertThat(lines.text()).containsExactly("a");
        }

        @Test
        void remembersWhenTheUnfinishedLineBegan() {
            feed("done\npart", 1_000);
            feed("more", 2_000);
            assertThat(framing.pendingBytes()).isEqualTo(8);
            assertThat(framing.pendingSinceNanos()).isEqualTo(1_000);
            feed("\nnext", 3_000);
            assertThat(framing.pendingSinceNanos()).isEqualTo(3_000);
        }

        @Test
        void releasesALargeBufferOnceItsLineIsDelivered() {
            Recorder big = new Recorder(1 << 20);
            byte[] part = new byte[100_000];
            Arrays.fill(part, (byte) 'x');
            framing.feed(part, 0, part.length, 0, big);
            assertThat(framing.bufferBytes()).isGreaterThanOrEqualTo(part.length);
            framing.feed(new byte[] {'\n'}, 0, 1, 0, big);
            assertThat(big.got).hasSize(1);
            assertThat(big.got.get(0)).hasSize(part.length);
            assertThat(framing.bufferBytes()).isZero();
        }
    }

    @Nested
    class Limit {

        @Test
        void acceptsALineOfExactlyTheLimit() {
            assertThat(feed("x".repeat(LIMIT) + "\n")).isTrue();
            assertThat(lines.got).hasSize(1);
        }

        @Test
        void refusesALineOneByteOverTheLimitWithoutDeliveringIt() {
            assertThat(feed("ok\n" + "x".repeat(LIMIT + 1) + "\nnever\n")).isFalse();
            assertThat(lines.text()).containsExactly("ok");
        }

        @Test
        void refusesAnUnfinishedLineOverTheLimitBeforeKeepingAnyOfIt() {
            assertThat(feed("x".repeat(LIMIT + 1))).isFalse();
            assertThat(framing.pendingBytes()).isZero();
            assertThat(framing.bufferBytes()).isZero();
        }

        @Test
        void refusesWhenTheHeldPartAndTheNewBytesTogetherPassTheLimit() {
            assertThat(feed("x".repeat(LIMIT - 5))).isTrue();
            assertThat(feed("y".repeat(6))).isFalse();
            assertThat(framing.pendingBytes()).isEqualTo(LIMIT - 5);
            assertThat(lines.got).isEmpty();
        }

        @Test
        void countsTheCarriageReturnAgainstTheLimit() {
            assertThat(feed("x".repeat(LIMIT) + "\r\n")).isFalse();
        }

        @Test
        void asksForTheLimitAgainBeforeEachLine() {
            lines.limit = 5;
            lines.limitAfterFirstLine = 50;
            assertThat(feed("hello\n" + "x".repeat(50) + "\n")).isTrue();
            assertThat(lines.got).hasSize(2);
        }
    }

    @Nested
    class EndOfInput {

        @Test
        void neverDeliversALastLineThatHasNoLineFeed() {
            feed("complete\nunfinished");
            assertThat(lines.text()).containsExactly("complete");
            assertThat(framing.pendingBytes()).isEqualTo("unfinished".length());
        }

        @Test
        void ignoresTheRestOfTheReadOnceTheReceiverSaysStop() {
            lines.stopAfter = 1;
            assertThat(feed("handshake\nevent\nunfinished")).isTrue();
            assertThat(lines.text()).containsExactly("handshake");
            assertThat(framing.pendingBytes()).isZero();
        }
    }

    @Nested
    class HostileInput {

        @Test
        void randomBytesInRandomReadsGiveTheSameLinesAsSplittingTheWholeInput() {
            for (int seed = 0; seed < 200; seed++) {
                Random random = new Random(seed);
                byte[] input = hostileBytes(random, 5_000);
                Recorder got = new Recorder(LIMIT);
                LineFraming fresh = new LineFraming();
                boolean withinLimit = true;
                for (int at = 0; at < input.length && withinLimit; ) {
                    int count = Math.min(input.length - at, 1 + random.nextInt(300));
                    withinLimit = fresh.feed(input, at, count, 0, got);
                    assertThat(fresh.pendingBytes()).isLessThanOrEqualTo(LIMIT);
                    assertThat(fresh.bufferBytes()).isLessThanOrEqualTo(Math.max(256, 2 * LIMIT));
                    at += count;
                }
                List<byte[]> expected = linesUpToTheFirstOverLimit(input);
                assertThat(got.got).as("seed %d", seed).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(got.got.get(i)).as("seed %d line %d", seed, i).isEqualTo(expected.get(i));
                }
            }
        }

        @Test
        void aMillionLineFeedsAreAMillionEmptyLinesAndHoldNothing() {
            byte[] feeds = new byte[1_000_000];
            Arrays.fill(feeds, (byte) '\n');
            framing.feed(feeds, 0, feeds.length, 0, lines);
            assertThat(lines.got).hasSize(1_000_000).allMatch(line -> line.length == 0);
            assertThat(framing.bufferBytes()).isZero();
        }

        /** Mostly short runs of any byte (NUL, CR, invalid UTF-8 included), with line feeds between. */
        private byte[] hostileBytes(Random random, int length) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < length) {
                int run = random.nextInt(10) == 0 ? random.nextInt(3 * LIMIT) : random.nextInt(LIMIT / 2);
                for (int i = 0; i < run; i++) {
                    int b = random.nextInt(256);
                    out.write(b == '\n' ? 0 : b);
                }
                out.write('\n');
            }
            return out.toByteArray();
        }

        /** The reference: split the whole input at LF, drop a CR before it, stop at the first line over the limit. */
        private List<byte[]> linesUpToTheFirstOverLimit(byte[] input) {
            List<byte[]> result = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < input.length; i++) {
                if (input[i] == '\n') {
                    if (i - start > LIMIT) {
                        break;
                    }
                    int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
                    result.add(Arrays.copyOfRange(input, start, end));
                    start = i + 1;
                }
            }
            return result;
        }
    }
}
