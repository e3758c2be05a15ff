package dev.spool.format;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TextFormat} joins each literal text to the token before it ({@link Token#followedBy}); these tests hold
 * the joined tokens to the tokens as parsed, rendered one by one, over random patterns and events.
 */
class JoinedTokensTest {

    /** Pattern pieces: every token kind that can take a suffix, some that cannot, and literal text. */
    private static final String[] TOKENS = {
        "%d", "%d{ISO8601_MICROS}", "%d{HH:mm:ss.SSS}", "%d{uuuu-MM-dd}", "%d{UNIX_MILLIS}", "%d{ss.SSS 'at' HH}",
        "%d{HH:mm:ss.n}", "%d{SSSSSSSSS}", "%d{SSS ss SS}", "%p", "%-5p", "%5p", "%.1p", "%level", "%t", "%-8t",
        "%c", "%c{1}", "%.-3c", "%m", "%-12m", "%n", "%kv", "%X", "%X{user}", "%ctx", "%id", "%tid", "%pid",
        "%service", "%highlight{%-5p}",
    };
    private static final String[] LITERALS = {" ", " [", "] ", " - ", ":", "é=", "%%", "\u4e16 ", "(x)", "\t"};
    private static final String[] THREADS = {"main", "worker-1", "wörker", "a\nb", "", null, "pool-2-thread-17"};
    private static final String[] LOGGERS = {"app.db", "dev.spool.Some$Inner", "ünï.code", "x", null};
    private static final String[] MESSAGES = {"hello", "Thread 3 log 17", "", "tab\there", "naïve \u4e16",
        "line\nbreak", "%d {} \\"};

    @Test
    void theDefaultPatternIsSixTokensOnceJoined() {
        Token[] parsed = PatternParser.parse(TextFormat.DEFAULT, ZoneOffset.UTC);
        assertThat(parsed).hasSize(11);
        assertThat(TextFormat.joinFixedText(parsed)).hasSize(6);
    }

    @Test
    void joinedTokensWriteWhatTheParsedTokensWriteOneByOne() {
        Random random = new Random(20261207);
        for (int p = 0; p < 2_000; p++) {
            String pattern = randomPattern(random);
            ZoneId zone = random.nextBoolean() ? ZoneOffset.UTC : ZoneId.of("Europe/Paris");
            Token[] parsed = PatternParser.parse(pattern, zone);
            TextFormat joined = TextFormat.of(pattern, zone);
            long micros = 1_764_000_000_000_000L + random.nextInt(1_000_000_000);
            for (int e = 0; e < 40; e++) {
                micros += random.nextInt(4) == 0 ? random.nextInt(3_000_000) : random.nextInt(1_000);
                LogEvent event = randomEvent(random, micros);
                String expected = render(parsed, event);
                ByteBuilder out = new ByteBuilder(16);
                out.appendAscii("<"); // joined tokens append after what the builder holds
                joined.format(event, out);
                assertThat(out.toString()).as("pattern %s, event %d", pattern, e).isEqualTo("<" + expected);
            }
        }
    }

    @Test
    void aNameThatLeavesTheCacheSlotComesBackWithItsSuffix() {
        // Names sharing a slot of the 64-entry cache replace each other: each must come back with the text after it.
        List<String> sameSlot = new ArrayList<>();
        for (int i = 0; sameSlot.size() < 3; i++) {
            String name = "t" + i;
            if ((name.hashCode() & 63) == ("t0".hashCode() & 63)) {
                sameSlot.add(name);
            }
        }
        TextFormat format = TextFormat.of("[%t] %m%n", ZoneOffset.UTC);
        for (int round = 0; round < 3; round++) {
            for (String name : sameSlot) {
                ByteBuilder out = new ByteBuilder(16);
                format.format(TestEvent.event().thread(name, 1).message("m"), out);
                assertThat(out.toString()).isEqualTo("[" + name + "] m\n");
            }
        }
    }

    private static String randomPattern(Random random) {
        StringBuilder pattern = new StringBuilder();
        int pieces = 1 + random.nextInt(9);
        boolean ex = false;
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(3) == 0) {
                pattern.append(LITERALS[random.nextInt(LITERALS.length)]);
            } else if (!ex && random.nextInt(20) == 0) {
                pattern.append("%ex");
                ex = true;
            } else {
                pattern.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return pattern.toString();
    }

    private static LogEvent randomEvent(Random random, long micros) {
        TestEvent event = TestEvent.event()
                .timestampMicros(micros)
                .level(Level.values()[random.nextInt(Level.values().length)])
                .thread(THREADS[random.nextInt(THREADS.length)], random.nextInt(100))
                .logger(LOGGERS[random.nextInt(LOGGERS.length)])
                .message(MESSAGES[random.nextInt(MESSAGES.length)])
                .id(random.nextLong(), random.nextLong());
        if (random.nextInt(4) == 0) {
            event.field("user", "alice").field("attempt", random.nextInt(5));
        }
        if (random.nextInt(4) == 0) {
            event.context("user", "bob");
        }
        if (random.nextInt(10) == 0) {
            event.throwable(new IllegalStateException("boom " + random.nextInt(3)));
        }
        return event;
    }

    private static String render(Token[] tokens, LogEvent event) {
        ByteBuilder out = new ByteBuilder(16);
        for (Token token : tokens) {
            token.render(event, out);
        }
        return out.toString();
    }
}
