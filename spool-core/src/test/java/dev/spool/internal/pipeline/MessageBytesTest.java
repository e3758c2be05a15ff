package dev.spool.internal.pipeline;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.format.Formats;
import dev.spool.format.TextFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.EventKind;
import dev.spool.spi.Format;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Options;
import dev.spool.testkit.Allocation;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A message formatted into bytes on the producer and copied into a slot reads and formats exactly as the
 * same message held as a String: the text of every mix of ASCII, multi-byte UTF-8, surrogate pairs, lone
 * surrogates, control chars and messages longer than the slot's first array, and the bytes of every format.
 */
class MessageBytesTest {

    private static final int MAX_CHARS = 5_000;
    private static final List<Format> FORMATS = formats();

    private static List<Format> formats() {
        List<Format> formats = new ArrayList<>();
        formats.add(TextFormat.of(TextFormat.DEFAULT, ZoneId.of("UTC")));
        formats.add(TextFormat.of(TextFormat.CONSOLE_DEFAULT, ZoneId.of("UTC"), true));
        formats.add(TextFormat.of("%m|%.10m|%30m|%kv", ZoneId.of("UTC")));
        for (String name : new String[] {"json", "ecs", "gelf", "logstash", "otlp-json"}) {
            formats.add(Formats.fromOptions(new Options("destination.app.", Map.of("format", name))));
        }
        return formats;
    }

    @Test
    void mixedMessagesReadAndFormatAsTheirStrings() {
        String longAscii = "x".repeat(300);
        String overLimit = "y".repeat(MAX_CHARS + 10);
        Object[][] cases = {
            {"Thread {} log {} value={}", 1, 123_456_789L, 42},
            {"plain ascii, no placeholder"},
            {"quote \" and backslash \\ and {braces}", "\"", "\\"},
            {"escaped \\{} and \\\\{} and {}", "a", "b"},
            {"caf\u00e9 {} \u20ac", "na\u00efve"},
            {"ascii pattern {} then more", "\u4e2d\u6587"},
            {"emoji {} pair", "\uD83D\uDE00"},
            {"lone high {} low {}", "\uD800", "\uDC00x"},
            {"controls {} {}", "tab\there", "nl\ncr\r nul\0 esc\u001b del\u007f"},
            {"line breaks {} {} {}", "\u0085", "\u2028", "\u2029"},
            {"DEL alone {} and ~ before it", "\u007f"},
            {"\ttab first {}", 5},
            {"numbers {} {} {} {} {} {}", Long.MIN_VALUE, -1L, 0, 2.5, 1.1f, Double.NaN},
            {"chars {} {} {}", 'c', '\n', '\u00e9'},
            {"others {} {} {} {}", null, true, new int[] {1, 2}, new Object[] {"a\u00e9", null}},
            {"long {} end", longAscii},
            {"long non-ascii at the end {} \u00e9", longAscii},
            {"over the limit {}", overLimit},
            {"over the limit, non-ASCII {}", "\u00e9" + overLimit},
            {"surrogate pair cut by the limit {}", "z".repeat(MAX_CHARS - 30) + "\uD83D\uDE00"},
            {"a trailing exception {}", "x", new IllegalStateException("bad \"state\"\n")},
            {null, "x"},
        };
        Slot slot = new Slot();
        for (int round = 0; round < 2; round++) { // the second round reuses arrays grown by the first
            for (Object[] c : cases) {
                assertSameAsString(slot, (String) c[0], Arrays.copyOfRange(c, 1, c.length));
            }
        }
    }

    @Test
    void randomMessagesReadAndFormatAsTheirStrings() {
        String[] parts = {"a", "Z", " ", "{}", "{", "}", "\\", "\"", "\u00e9", "\u20ac", "\uD83D\uDE00", "\uD800",
            "\uDFFF", "\n", "\t", "\0", "\u007f", "\u0085", "\u2028", "0123456789", "x".repeat(70)};
        Random random = new Random(20261206);
        Slot slot = new Slot();
        int asAscii = 0;
        for (int i = 0; i < 3_000; i++) {
            boolean ascii = random.nextInt(3) > 0; // most messages are ASCII, as in real logs
            String pattern = random(random, parts, ascii ? 9 : parts.length, random.nextInt(12));
            Object[] args = new Object[random.nextInt(4)];
            for (int a = 0; a < args.length; a++) {
                switch (random.nextInt(4)) {
                    case 0: args[a] = random.nextLong() >> random.nextInt(64); break;
                    case 1: args[a] = random.nextDouble() * 1000; break;
                    default: args[a] = random(random, parts, ascii ? 9 : parts.length, random.nextInt(6)); break;
                }
            }
            if (assertSameAsString(slot, pattern, args)) {
                asAscii++;
            }
        }
        assertThat(asAscii).as("messages held as bytes").isBetween(1_000, 2_900);
    }

    @Test
    void formattingIntoBytesAndFormatsReadingThemAllocateNothingOnceWarm() {
        assumeTrue(Allocation.enable(), "this JVM cannot count allocated bytes");
        Object[] args = {7, 123_456, 42};
        Slot slot = new Slot();
        ByteBuilder out = new ByteBuilder(4096);
        Runnable events = () -> {
            for (int i = 0; i < 100_000; i++) {
                Capture capture = Capture.acquire();
                try {
                    capture.begin("app.db", TestEvent.RESOURCE, Level.INFO);
                    capture.format("Thread {} log {} value={} \"{}\"", 0, null, null, args, MAX_CHARS);
                    slot.fill(capture, null, false);
                } finally {
                    capture.free();
                }
                Format format = FORMATS.get(i % FORMATS.size());
                out.clear();
                format.format(slot, out);
            }
        };
        events.run();
        events.run();
        assertThat(slot.message.printableAscii()).isNotNull();

        assertThat(Allocation.last(Allocation.rounds(1024, events))).isLessThan(1024);
    }

    @Test
    void anEventMadeElsewhereKeepsItsChars() {
        Slot slot = new Slot();
        slot.fill(TestEvent.event().message("from a collector"), null, true);
        assertThat(slot.message.printableAscii()).isNull();
        assertThat(slot.message()).hasToString("from a collector");
    }

    @Test
    void anEventMadeElsewhereWhoseMessageIsPrintableAsciiBytesIsCopiedAsBytes() {
        Slot source = new Slot();
        assertSameAsString(source, "from {} at {}", new Object[] {"a collector", 42});
        assertThat(source.message.printableAscii()).isNotNull();

        Slot slot = new Slot();
        slot.fill(source, null, true);
        assertThat(slot.message.printableAscii()).as("held as bytes").isNotNull();
        assertThat(slot.message()).hasToString("from a collector at 42");

        assertSameAsString(source, "from {}", new Object[] {"a collecteur \u00e9"});
        slot.fill(source, null, true);
        assertThat(slot.message.printableAscii()).as("held as chars").isNull();
        assertThat(slot.message()).hasToString("from a collecteur \u00e9");
        for (Format format : FORMATS) {
            ByteBuilder fromSlot = new ByteBuilder(64);
            ByteBuilder fromSource = new ByteBuilder(64);
            format.format(slot, fromSlot);
            format.format(source, fromSource);
            assertThat(fromSlot.toString()).as(format.toString()).isEqualTo(fromSource.toString());
        }
    }

    private static String random(Random random, String[] parts, int bound, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(parts[random.nextInt(bound)]);
        }
        return sb.toString();
    }

    /** Formats through a capture into {@code slot}; returns whether the slot held the message as bytes. */
    private static boolean assertSameAsString(Slot slot, String pattern, Object[] args) {
        StringBuilder reference = new StringBuilder();
        Throwable expectedThrown = ReferenceFormatter.format(reference, pattern, args);
        boolean printableBeforeCut = printable(reference);
        String expected = ReferenceFormatter.truncated(reference, MAX_CHARS);

        Capture capture = Capture.acquire();
        try {
            capture.begin("app.db", TestEvent.RESOURCE, Level.INFO);
            Throwable thrown = capture.format(pattern, 0, null, null, args, MAX_CHARS);
            assertThat(thrown).isSameAs(expectedThrown);
            capture.attach(thrown, null);
            slot.release();
            slot.fill(capture, null, false);
        } finally {
            capture.free();
        }
        String what = "pattern " + pattern + " args " + Arrays.deepToString(args);
        what = what.length() > 200 ? what.substring(0, 200) + "..." : what;
        assertThat(slot.message().toString()).as(what).isEqualTo(expected);
        assertThat(slot.message().length()).as(what).isEqualTo(expected.length());
        char[] chars = new char[expected.length()];
        ByteBuilder.copyChars(slot.message(), 0, chars.length, chars);
        assertThat(new String(chars)).as(what).isEqualTo(expected);
        boolean asBytes = slot.message.printableAscii() != null;
        if (printableBeforeCut) { // printable ASCII throughout is held as bytes
            assertThat(asBytes).as(what + ": held as bytes").isTrue();
        }
        if (!printable(expected)) { // anything else as chars (a message whose other chars were cut may be either)
            assertThat(asBytes).as(what + ": held as chars").isFalse();
        }

        LogEvent asString = new WithMessage(slot, expected);
        for (Format format : FORMATS) {
            ByteBuilder viaSlot = new ByteBuilder(64);
            ByteBuilder viaString = new ByteBuilder(64);
            format.format(slot, viaSlot);
            format.format(asString, viaString);
            assertThat(Arrays.copyOf(viaSlot.array(), viaSlot.length()))
                    .as(what + " in " + format)
                    .isEqualTo(Arrays.copyOf(viaString.array(), viaString.length()));
        }
        return asBytes;
    }

    private static boolean printable(CharSequence text) {
        return text.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7E);
    }

    /** {@code event} with its message replaced by a String: the path every format took before bytes. */
    private static final class WithMessage implements LogEvent {
        private final LogEvent event;
        private final String message;

        WithMessage(LogEvent event, String message) {
            this.event = event;
            this.message = message;
        }

        @Override public long idHigh() { return event.idHigh(); }
        @Override public long idLow() { return event.idLow(); }
        @Override public long timestampMicros() { return event.timestampMicros(); }
        @Override public Level level() { return event.level(); }
        @Override public String logger() { return event.logger(); }
        @Override public String threadName() { return event.threadName(); }
        @Override public long threadId() { return event.threadId(); }
        @Override public CharSequence message() { return message; }
        @Override public int fieldCount() { return event.fieldCount(); }
        @Override public String fieldKey(int index) { return event.fieldKey(index); }
        @Override public Object fieldValue(int index) { return event.fieldValue(index); }
        @Override public ContextMap context() { return event.context(); }
        @Override public Throwable throwable() { return event.throwable(); }
        @Override public Resource resource() { return event.resource(); }
        @Override public EventKind kind() { return event.kind(); }
        @Override public String metricName() { return event.metricName(); }
        @Override public double metricValue() { return event.metricValue(); }
        @Override public String metricUnit() { return event.metricUnit(); }
        @Override public Ledger ledger() { return event.ledger(); }
    }

    /** The formatter as it was before messages were bytes (chars into a StringBuilder): the reference. */
    private static final class ReferenceFormatter {

        static Throwable format(StringBuilder out, String pattern, Object[] args) {
            int count = args.length;
            Object last = count == 0 ? null : args[count - 1];
            Throwable thrown = last instanceof Throwable ? (Throwable) last : null;
            if (thrown != null) {
                count--;
            }
            if (pattern == null) {
                out.append("null");
                return thrown;
            }
            int from = 0;
            int used = 0;
            while (used < count) {
                int at = pattern.indexOf("{}", from);
                if (at < 0) {
                    break;
                }
                if (at > 0 && pattern.charAt(at - 1) == '\\') {
                    if (at > 1 && pattern.charAt(at - 2) == '\\') {
                        out.append(pattern, from, at - 1);
                        appendArg(out, args[used++]);
                    } else {
                        out.append(pattern, from, at - 1).append("{}");
                    }
                } else {
                    out.append(pattern, from, at);
                    appendArg(out, args[used++]);
                }
                from = at + 2;
            }
            out.append(pattern, from, pattern.length());
            return thrown;
        }

        static void appendArg(StringBuilder out, Object value) {
            if (value instanceof Object[]) {
                out.append(Arrays.deepToString((Object[]) value));
            } else if (value instanceof int[]) {
                out.append(Arrays.toString((int[]) value));
            } else if (value instanceof Integer || value instanceof Long) {
                out.append(((Number) value).longValue());
            } else {
                out.append(value);
            }
        }

        static String truncated(StringBuilder message, int maxChars) {
            if (message.length() <= maxChars) {
                return message.toString();
            }
            int cut = maxChars;
            if (Character.isHighSurrogate(message.charAt(cut - 1))) {
                cut--;
            }
            int removed = message.length() - cut;
            message.setLength(cut);
            return message.append("...[truncated ").append(removed).append(" chars]").toString();
        }
    }
}
