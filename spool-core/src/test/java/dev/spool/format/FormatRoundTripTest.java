package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.RandomEvents;
import dev.spool.testkit.StrictJson;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Randomized, seeded checks over thousands of events with hostile text: JSON lines parse back to the
 * event; text events are one line (plus TAB-led exception lines) and decode back to the input.
 */
class FormatRoundTripTest {

    private static final int EVENTS_PER_SEED = 1500;

    @ParameterizedTest
    @ValueSource(longs = {1, 20_251_121, -7})
    void everyJsonLineParsesBackToTheEvent(long seed) {
        RandomEvents events = new RandomEvents(seed, true);
        JsonFormat format = JsonFormat.of();
        for (int i = 0; i < EVENTS_PER_SEED; i++) {
            TestEvent event = events.next();
            Map<?, ?> json = parseLine(format, event);

            assertThat(json.get("message")).isEqualTo(events.message);
            assertThat(json.get("logger")).isEqualTo(events.logger);
            assertThat(json.get("thread")).isEqualTo(events.thread);
            assertThat(json.get("thread_id")).isEqualTo(event.threadId());
            assertThat(json.get("level")).isEqualTo(event.level().name());
            assertThat(normalize(json.get("fields"))).isEqualTo(events.fields.isEmpty() ? null : normalize(events.fields));
            assertThat(json.get("context")).isEqualTo(events.context.isEmpty() ? null : events.context);
            assertException(json.get("exception"), events.exceptionMessage);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 20_251_122, -8})
    void everyTextEventIsOneLineAndExceptionLinesStartWithTab(long seed) {
        RandomEvents events = new RandomEvents(seed, true);
        TextFormat format = TextFormat.of("%d %-5p [%t] %c{2} %X %id - %m%kv%n", ZoneOffset.UTC);
        for (int i = 0; i < EVENTS_PER_SEED; i++) {
            TestEvent event = events.next();
            String text = decodeStrictly(render(format, event));

            assertThat(text).endsWith("\n");
            List<String> lines = List.of(text.substring(0, text.length() - 1).split("\n", -1));
            assertNoLineBreakOrControl(lines.get(0), 0);
            for (String continuation : lines.subList(1, lines.size())) {
                assertThat(continuation).startsWith("\t");
                assertNoLineBreakOrControl(continuation, leadingTabs(continuation));
            }
            assertThat(lines.size() > 1).isEqualTo(event.throwable() != null);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 20_251_123, -9})
    void unescapingTextGivesBackTheInput(long seed) {
        RandomEvents events = new RandomEvents(seed, false);
        TextFormat message = TextFormat.of("%m%n", ZoneOffset.UTC);
        TextFormat logger = TextFormat.of("%c%n", ZoneOffset.UTC);
        TextFormat thread = TextFormat.of("%t%n", ZoneOffset.UTC);
        for (int i = 0; i < EVENTS_PER_SEED; i++) {
            TestEvent event = events.next().throwable(null);

            assertThat(unescape(firstLine(message, event))).isEqualTo(events.message);
            assertThat(unescape(firstLine(logger, event))).isEqualTo(events.logger);
            assertThat(unescape(firstLine(thread, event))).isEqualTo(events.thread);
            for (Map.Entry<String, String> entry : events.context.entrySet()) {
                String key = findRawKey(event, entry.getKey());
                if (key.indexOf('}') >= 0) {
                    continue; // %X{key} ends at the first '}': such a key cannot be named in a pattern
                }
                TextFormat value = TextFormat.of("%X{" + key + "}%n", ZoneOffset.UTC);
                assertThat(unescape(firstLine(value, event))).isEqualTo(entry.getValue());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, -10})
    void unescapingAnExceptionMessageLineGivesBackTheInput(long seed) {
        RandomEvents events = new RandomEvents(seed, false);
        TextFormat format = TextFormat.of("%n", ZoneOffset.UTC);
        for (int i = 0; i < EVENTS_PER_SEED; i++) {
            String raw = events.text(40);
            TestEvent event = TestEvent.event().throwable(new IllegalStateException(raw));

            String header = decodeStrictly(render(format, event)).split("\n")[1];

            assertThat(header).startsWith("\tjava.lang.IllegalStateException: ");
            assertThat(unescape(header.substring("\tjava.lang.IllegalStateException: ".length())))
                    .isEqualTo(RandomEvents.sanitize(raw));
        }
    }

    private static Map<?, ?> parseLine(JsonFormat format, LogEvent event) {
        byte[] line = render(format, event);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        for (int i = 0; i < line.length - 1; i++) {
            if (line[i] == '\n' || line[i] == '\r') {
                fail("line break inside the JSON line at byte " + i);
            }
        }
        return (Map<?, ?>) StrictJson.parse(Arrays.copyOf(line, line.length - 1));
    }

    private static void assertException(Object exception, String expectedMessage) {
        if (expectedMessage == null) {
            assertThat(exception).isNull();
            return;
        }
        Map<?, ?> object = (Map<?, ?>) exception;
        assertThat(object.get("class")).isEqualTo("java.lang.IllegalStateException");
        assertThat(object.get("message")).isEqualTo(expectedMessage);
        assertThat(((Map<?, ?>) object.get("cause")).get("class")).isEqualTo("java.lang.RuntimeException");
        assertThat((List<?>) object.get("stack")).isNotEmpty();
    }

    /** Numbers compared by value: integers as Long, floating point as Double, non-finite as their strings. */
    private static Object normalize(Object fields) {
        if (fields == null) {
            return null;
        }
        Map<Object, Object> normalized = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) fields).entrySet()) {
            Object v = e.getValue();
            if (v instanceof Integer) {
                v = ((Integer) v).longValue();
            } else if (v instanceof BigDecimal) {
                v = ((BigDecimal) v).doubleValue();
            } else if (v instanceof Double && !Double.isFinite((Double) v)) {
                v = v.toString();
            }
            normalized.put(e.getKey(), v);
        }
        return normalized;
    }

    private static void assertNoLineBreakOrControl(String line, int allowedLeadingTabs) {
        for (int i = allowedLeadingTabs; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
                fail(String.format("U+%04X at %d in %s", (int) c, i, line));
            }
        }
    }

    private static int leadingTabs(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '\t') {
            n++;
        }
        return n;
    }

    private static String findRawKey(TestEvent event, String sanitizedKey) {
        for (int i = 0; i < event.context().size(); i++) {
            if (RandomEvents.sanitize(event.context().key(i)).equals(sanitizedKey)) {
                return event.context().key(i);
            }
        }
        throw new AssertionError("no key " + sanitizedKey);
    }

    private static String firstLine(TextFormat format, LogEvent event) {
        String text = decodeStrictly(render(format, event));
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        return text.substring(0, text.length() - 1);
    }

    /** Reverses the text escaping for input without backslashes: every backslash starts an escape. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char kind = s.charAt(++i);
            switch (kind) {
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default: throw new AssertionError("unknown escape \\" + kind + " in " + s);
            }
        }
        return sb.toString();
    }

    private static byte[] render(dev.spool.spi.Format format, LogEvent event) {
        ByteBuilder out = new ByteBuilder(256);
        format.format(event, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    private static String decodeStrictly(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not valid UTF-8", e);
        }
    }
}
