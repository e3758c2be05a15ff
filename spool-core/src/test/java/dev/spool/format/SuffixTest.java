package dev.spool.format;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.ByteText;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Literal text joined to the token before it writes exactly what the two tokens wrote apart. */
class SuffixTest {

    private static final String[] PATTERNS = {
        TextFormat.DEFAULT, TextFormat.CONSOLE_DEFAULT, "%d{ISO8601_MICROS} %5p [%t] %c{2} - %m%kv%n",
        "%d{HH:mm:ss.SSS xxx} | %-5level | %thread | %logger | %msg%n", "[%t] %c: %m", "%m%n%n", "%m - end%n",
        "%n%m", "x%d{UNIX_MILLIS}y%p z%tid%%%id %service@%host:%pid %X{user} %X %ctx%n", "%d{n}>%m<%n",
        "%-10t|%.5c|%20m|%.-3p|%m%n", "%highlight{%-5p %t: }%m%n", "%highlight{%d %c}] %m%n", "%m%n%ex - after%n",
        "%d{uuuu}%d{SS}  %d{'at' HH}%n", "%p%p%p", "lit only%n", "%c%c %t%t%n"};

    @Test
    void everyPatternWritesTheSameBytesJoinedAsApart() {
        Random random = new Random(42);
        List<TestEvent> events = events(random);
        for (String pattern : PATTERNS) {
            for (boolean color : new boolean[] {false, true}) {
                for (ZoneId zone : new ZoneId[] {ZoneOffset.UTC, ZoneId.of("Europe/Paris")}) {
                    Token[] joined = PatternParser.parse(pattern, zone, color, true);
                    Token[] apart = PatternParser.parse(pattern, zone, color, false);
                    ByteBuilder a = new ByteBuilder(256);
                    ByteBuilder b = new ByteBuilder(256);
                    for (int round = 0; round < 2; round++) { // the second from the name and date caches
                        for (TestEvent event : events) {
                            a.clear();
                            b.clear();
                            for (Token t : joined) {
                                t.render(event, a);
                            }
                            for (Token t : apart) {
                                t.render(event, b);
                            }
                            assertThat(a.toString()).as("pattern %s, color %s, zone %s", pattern, color, zone)
                                    .isEqualTo(b.toString());
                        }
                    }
                }
            }
        }
    }

    @Test
    void theDefaultPatternIsFiveTokensAndTheExceptionToken() {
        Token[] tokens = PatternParser.parse(TextFormat.DEFAULT, ZoneOffset.UTC, false, true);

        assertThat(tokens).hasSize(6);
        assertThat(PatternParser.parse(TextFormat.DEFAULT, ZoneOffset.UTC, false, false)).hasSize(11);
        assertThat(tokens[4]).isInstanceOf(MessageToken.class);
        assertThat(tokens[5]).isInstanceOf(ExceptionToken.class);
    }

    @Test
    void aNewlineInsideHighlightIsStillRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextFormat.of("%highlight{%m%n}", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%n cannot be inside %highlight");
    }

    private static List<TestEvent> events(Random random) {
        String[] names = {"main", "Aa", "BB", "worker-12", "caf\u00e9", "tab\there", "line\nbreak", "", null,
                "\u20ac\uD83D\uDE00", "lone\uD800", "app.db.Pool", "a.b.c.d.e"};
        Object[] messages = {"hello", "", "with \"quotes\" and \\ and {}", "ctl\u0001\u007f\u0085\u2028", "\u00e9t\u00e9",
                ascii("plain bytes 123"), ascii(""), "x".repeat(300), null};
        List<TestEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            TestEvent e = TestEvent.event()
                    .timestampMicros(1_763_769_301_123_456L + random.nextInt(5_000_000) - 2_500_000L)
                    .level(Level.values()[random.nextInt(Level.values().length)])
                    .logger(names[random.nextInt(names.length)])
                    .thread(names[random.nextInt(names.length)], random.nextInt(100))
                    .message((CharSequence) messages[random.nextInt(messages.length)])
                    .id(random.nextLong(), random.nextLong());
            if (random.nextInt(4) == 0) {
                e.field("user", "alice").field("n", 3).context("req", "r\n1");
            }
            if (random.nextInt(10) == 0) {
                e.throwable(Exceptions.diskFull());
            }
            events.add(e);
        }
        return events;
    }

    /** A message held as printable ASCII bytes, as the pipeline's slots hold most. */
    private static ByteText ascii(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new ByteText() {
            @Override public byte[] printableAscii() { return bytes; }
            @Override public void getChars(int start, int end, char[] dst, int dstBegin) {
                text.getChars(start, end, dst, dstBegin);
            }
            @Override public int length() { return text.length(); }
            @Override public char charAt(int index) { return text.charAt(index); }
            @Override public CharSequence subSequence(int start, int end) { return text.subSequence(start, end); }
            @Override public String toString() { return text; }
        };
    }
}
