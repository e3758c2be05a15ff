package dev.spool.collector.json;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.format.JsonFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.ByteText;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.RandomEvents;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct reader against the general (tree) path it stands in for: whatever it accepts, the tree path
 * accepts and reads to the same event; whatever the tree path refuses, {@link JsonEventReader#read} refuses
 * with the tree path's words.
 */
class DirectEventReaderTest {

    private static final int MAX_EVENT_BYTES = 64 * 1024;
    private static final String PLAIN = "{\"v\":1,\"id\":\"01KAMDFE43XSB5MPGJ6HB7H6NW\",\"ts\":\"2025-11-21T23:55:01.123456Z\","
            + "\"level\":\"INFO\",\"logger\":\"app.db\",\"thread\":\"main\",\"thread_id\":1,\"message\":\"saved\","
            + "\"service\":\"billing\",\"host\":\"web-1\",\"pid\":4242}";

    private final JsonEventReader reader = new JsonEventReader(MAX_EVENT_BYTES);
    private final DirectEventReader direct = new DirectEventReader();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String format(LogEvent event) {
        ByteBuilder out = new ByteBuilder(256);
        JsonFormat.of().format(event, out);
        return out.toString();
    }

    private boolean directly(byte[] line) {
        return direct.read(line, 0, line.length, new ReadEvent(), null);
    }

    @Nested
    class ReadsDirectly {

        @Test
        void theLinesJsonFormatWritesForLogEvents() {
            TestEvent event = TestEvent.event().id(EventId.high(1_764_000_000_000L), 77).timestampMicros(1_764_000_000_123_456L)
                    .level(Level.WARN).logger("app.db").thread("worker-1", 9)
                    .message("quote \" backslash \\ tab \t line\n é 漢 😀")
                    .field("s", "x\u0001y").field("l", -42L).field("d", 2.5).field("b", true).field("n", null)
                    .field("big", Long.MIN_VALUE).field("é", "ü").context("a", "1").context("b", "\u2028");
            byte[] line = utf8(format(event).trim());

            assertThat(directly(line)).isTrue();
            assertThat(format(reader.read(line, 0, line.length))).isEqualTo(format(event));
        }

        @ParameterizedTest
        @ValueSource(longs = {3, 20_251_206, -11})
        void everyLineOfRandomTextTheTreeReadsTheSame(long seed) {
            RandomEvents events = new RandomEvents(seed, true);
            int direct = 0;
            for (int i = 0; i < 1500; i++) {
                byte[] line = utf8(format(events.next()).trim());
                if (directly(line)) {
                    direct++;
                }
                assertSameAsTree(line);
            }
            assertThat(direct).as("lines read directly").isGreaterThan(500);
        }

        @Test
        void readsKeysInAnyOrderAndWithSpacesNotOnlyInTheOrderJsonFormatWrites() {
            byte[] line = utf8("{ \"message\":\"m\", \"level\" :\"WARN\",\"v\":1,\"pid\":7,\"service\":\"s\","
                    + "\"host\":\"h\",\"thread\":\"t\",\"thread_id\":3,\"logger\":\"a.b\",\"ts\":\"2025-11-21T23:55:01.123456Z\"}");
            assertThat(directly(line)).isTrue();
            assertSameAsTree(line);
            LogEvent event = reader.read(line, 0, line.length);
            assertThat(List.of(event.logger(), event.threadName(), event.message().toString())).containsExactly("a.b", "t", "m");
            assertThat(event.level()).isEqualTo(Level.WARN);
        }

        @Test
        void sharesTheNamesThatRepeat() {
            byte[] line = utf8(PLAIN);
            LogEvent first = reader.read(line, 0, line.length);
            LogEvent second = reader.read(line, 0, line.length);

            assertThat(second.logger()).isSameAs(first.logger());
            assertThat(second.threadName()).isSameAs(first.threadName());
            assertThat(second.resource()).isSameAs(first.resource());
            assertThat(second.message().toString()).isEqualTo("saved");
        }
    }

    @Nested
    class Transient {

        private LogEvent readTransient(String json) {
            byte[] line = utf8(json);
            return reader.readTransient(line, 0, line.length);
        }

        @Test
        void holdsAPrintableMessageAsBytesAndRefillsOneEvent() {
            LogEvent first = readTransient(PLAIN);
            assertThat(first.message()).isInstanceOf(ByteText.class).hasToString("saved");
            assertThat(((ByteText) first.message()).printableAscii()).isNotNull();

            LogEvent second = readTransient(PLAIN.replace("saved", "saved again ~ {}").replace("H6NW", "H6NX"));
            assertThat(second).as("the reader's own event, refilled").isSameAs(first);
            assertThat(second.message()).hasToString("saved again ~ {}");
            assertThat(EventId.toString(second.idHigh(), second.idLow())).isEqualTo("01KAMDFE43XSB5MPGJ6HB7H6NX");
            assertThat(reader.read(utf8(PLAIN), 0, PLAIN.length())).as("read still makes a new event").isNotSameAs(first);
        }

        @ParameterizedTest
        @ValueSource(strings = {"quote \\\" inside", "caf\\u00e9", "caf\u00e9", "del \u007f", "tab\\tbed"})
        void aMessageThatIsNotPlainPrintableAsciiIsAString(String message) {
            LogEvent event = readTransient(PLAIN.replace("saved", message));
            LogEvent tree = reader.read(utf8(PLAIN.replace("saved", message)), 0,
                    utf8(PLAIN.replace("saved", message)).length);
            assertThat(event.message()).isInstanceOf(String.class).isEqualTo(tree.message());
        }

        @Test
        void aLineTheDirectReaderDeclinesIsANewEventFromTheTree() {
            LogEvent direct = readTransient(PLAIN);
            LogEvent tree = readTransient(PLAIN.replace("\"level\":\"INFO\"", "\"level\":\"info\""));
            assertThat(tree).isNotSameAs(direct);
            assertThat(tree.level()).isEqualTo(Level.INFO);
            assertThat(tree.message()).isEqualTo("saved");
        }
    }

    @Nested
    class LeavesToTheTree {

        @ParameterizedTest
        @ValueSource(strings = {
            "\"level\":\"INFO\"|\"level\":\"info\"",
            "\"level\":\"INFO\"|\"level\":\"WARNING\"",
            "\"logger\":\"app.db\"|\"logger\":null",
            "\"ts\":\"2025-11-21T23:55:01.123456Z\"|\"ts\":\"2025-11-21T23:55:01Z\"",
            "\"ts\":\"2025-11-21T23:55:01.123456Z\"|\"ts\":\"2016-12-31T23:59:60.000000Z\"",
            "\"pid\":4242|\"pid\":4242,\"kind\":\"metric\",\"metric\":{\"name\":\"m\",\"value\":1,\"unit\":\"\"}",
            "\"pid\":4242|\"pid\":4242,\"exception\":{\"class\":\"X\",\"stack\":[]}",
            "\"id\":\"01KAMDFE43XSB5MPGJ6HB7H6NW\"|\"id\":\"01kamdfe43xsb5mpgj6hb7h6nw\"",
            "\"thread_id\":1|\"thread_id\":12345678901234567",
        })
        void validLinesOfOtherShapesAndReadsThemAsBefore(String replacement) {
            String[] parts = replacement.split("\\|");
            byte[] line = utf8(PLAIN.replace(parts[0], parts[1]));

            assertSameAsTree(line);
            assertThat(reader.read(line, 0, line.length)).isNotNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "\"message\":\"saved\"|\"message\":\"saved\",\"message\":\"again\"",
            "\"pid\":4242|\"pid\":4242,\"extra\":1",
            "\"message\":\"saved\"|\"message\":\"sa\u0001ved\"",
            "\"message\":\"saved\"|\"message\":\"\\ud800\"",
            "\"message\":\"saved\"|\"message\":\"\\x\"",
            "\"message\":\"saved\"|\"message\":\"saved",
            "\"pid\":4242|\"pid\":4242,\"fields\":{\"a\":1,\"a\":2}",
            "\"pid\":4242|\"pid\":4242,\"fields\":{\"a\":[1]}",
            "\"pid\":4242|\"pid\":4242,\"context\":{\"a\":1}",
            "\"pid\":4242|\"pid\":01",
            "\"pid\":4242|\"pid\":4.5",
            "\"v\":1|\"v\":2",
            "\"ts\":\"2025-11-21T23:55:01.123456Z\"|\"ts\":\"2025-02-30T23:55:01.123456Z\"",
            "\"ts\":\"2025-11-21T23:55:01.123456Z\"|\"ts\":\"2025-11-21T24:55:01.123456Z\"",
            "\"id\":\"01KAMDFE43XSB5MPGJ6HB7H6NW\"|\"id\":\"81KAMDFE43XSB5MPGJ6HB7H6NW\"",
            "\"id\":\"01KAMDFE43XSB5MPGJ6HB7H6NW\"|\"id\":\"01KAMDFE43XSB5MPGJ6HB7H6NU\"",
            "\"level\":\"INFO\"|\"level\":\"LOUD\"",
            "}|} x",
        })
        void invalidLinesAndTheTreeSaysWhatIsWrong(String replacement) {
            String[] parts = replacement.split("\\|");
            byte[] line = utf8(PLAIN.replace(parts[0], parts[1]));

            assertThat(directly(line)).isFalse();
            String expected = treeError(line);
            assertThat(expected).as("the tree's reason").isNotBlank();
            assertThatThrownBy(() -> reader.read(line, 0, line.length))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        }

        @Test
        void invalidUtf8WithTheTreesReason() {
            byte[] line = utf8(PLAIN.replace("saved", "s?ved"));
            line[PLAIN.indexOf("saved") + 1] = (byte) 0xC0; // an overlong form

            assertThat(directly(line)).isFalse();
            assertThatThrownBy(() -> reader.read(line, 0, line.length))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid UTF-8 at byte "
                            + (PLAIN.indexOf("saved") + 1));
        }

        @Test
        void aBlankServiceWithTheTreesReason() {
            byte[] line = utf8(PLAIN.replace("\"billing\"", "\" \""));

            assertThatThrownBy(() -> reader.read(line, 0, line.length)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'service' and 'host' must not be blank");
        }

        @Test
        void aLineOverTheLimitBeforeLookingAtIt() {
            JsonEventReader small = new JsonEventReader(PLAIN.length() - 1);
            byte[] line = utf8(PLAIN);

            assertThatThrownBy(() -> small.read(line, 0, line.length)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("event of " + PLAIN.length() + " bytes is over the limit of " + (PLAIN.length() - 1));
        }
    }

    @Nested
    class AgreesWithTheTree {

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3})
        void onMutatedLines(long seed) {
            Random random = new Random(seed);
            RandomEvents events = new RandomEvents(seed, true);
            byte[] alphabet = utf8("{}[]\":,\\ 0123456789.-eE+tfnul\u00e9\u0001");
            for (int i = 0; i < 3000; i++) {
                byte[] line = utf8(i % 2 == 0 ? PLAIN : format(events.next()).trim());
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    line = mutate(line, random, alphabet);
                }
                assertSameAsTree(line);
            }
        }

        @Test
        void onTheKeptFuzzInputs() throws IOException, URISyntaxException {
            Path dir = Path.of(getClass().getResource("JsonEventReaderFuzzTestInputs/readsAnEventOrSaysWhatIsWrong").toURI());
            List<Path> inputs;
            try (Stream<Path> files = Files.list(dir)) {
                inputs = files.collect(Collectors.toList());
            }
            assertThat(inputs).isNotEmpty();
            for (Path input : inputs) {
                assertSameAsTree(Files.readAllBytes(input));
            }
        }

        private byte[] mutate(byte[] line, Random random, byte[] alphabet) {
            int at = random.nextInt(line.length);
            switch (random.nextInt(3)) {
                case 0:
                    byte[] replaced = line.clone();
                    replaced[at] = alphabet[random.nextInt(alphabet.length)];
                    return replaced;
                case 1:
                    byte[] shorter = new byte[line.length - 1];
                    System.arraycopy(line, 0, shorter, 0, at);
                    System.arraycopy(line, at + 1, shorter, at, line.length - at - 1);
                    return shorter.length == 0 ? line : shorter;
                default:
                    byte[] longer = new byte[line.length + 1];
                    System.arraycopy(line, 0, longer, 0, at);
                    longer[at] = alphabet[random.nextInt(alphabet.length)];
                    System.arraycopy(line, at, longer, at + 1, line.length - at);
                    return longer;
            }
        }
    }

    /** What the direct reader reads is what the tree reads; what the tree refuses, read() refuses in its words. */
    private void assertSameAsTree(byte[] line) {
        String treeError = treeError(line);
        ReadEvent event = new ReadEvent();
        boolean accepted = direct.read(line, 0, line.length, event, null);
        String text = new String(line, StandardCharsets.UTF_8);
        if (treeError != null) {
            assertThat(accepted).as("direct reader accepted a line the tree refuses (%s): %s", treeError, text).isFalse();
            assertThatThrownBy(() -> reader.read(line, 0, line.length)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(treeError);
            assertThatThrownBy(() -> reader.readTransient(line, 0, line.length)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(treeError);
            return;
        }
        String tree = comparable(reader.readTree(line, 0, line.length), line);
        assertThat(comparable(reader.read(line, 0, line.length), line)).as(text).isEqualTo(tree);
        assertThat(comparable(reader.readTransient(line, 0, line.length), line)).as(text).isEqualTo(tree);
    }

    private String treeError(byte[] line) {
        try {
            reader.readTree(line, 0, line.length);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The event as JsonFormat writes it, without the id and time a line without them gets when it is read. */
    private static String comparable(LogEvent event, byte[] line) {
        String text = format(event);
        String source = new String(line, StandardCharsets.UTF_8);
        if (!source.contains("\"id\"")) {
            text = text.replaceFirst("\"id\":\"[^\"]*\"", "\"id\":?");
        }
        if (!source.contains("\"ts\"")) {
            text = text.replaceFirst("\"ts\":\"[^\"]*\"", "\"ts\":?");
        }
        return text;
    }
}
