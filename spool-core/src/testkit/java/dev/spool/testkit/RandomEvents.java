package dev.spool.testkit;

import dev.spool.Level;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Events full of awkward text from a seeded {@link Random}: every control character, DEL and C1
 * controls, U+0085/U+2028/U+2029, quotes, arbitrary BMP characters, supplementary characters (emoji)
 * and lone surrogates of both kinds. Field and context keys are distinct even after lone surrogates
 * are replaced, so a JSON object never repeats a key.
 */
public final class RandomEvents {

    private final Random random;
    private final boolean backslashes;

    /** What went into the last event, as {@link #sanitize sanitized} text. */
    public final Map<String, Object> fields = new LinkedHashMap<>();
    public final Map<String, String> context = new LinkedHashMap<>();
    public String message;
    public String logger;
    public String thread;
    public String exceptionMessage;

    /**
     * @param backslashes whether text may contain backslashes; the text format does not escape them,
     *                    so its output can only be decoded exactly when the input has none
     */
    public RandomEvents(long seed, boolean backslashes) {
        this.random = new Random(seed);
        this.backslashes = backslashes;
    }

    public TestEvent next() {
        fields.clear();
        context.clear();
        String rawMessage = text(60);
        String rawLogger = text(20);
        String rawThread = text(12);
        TestEvent event = TestEvent.event().message(rawMessage).logger(rawLogger).thread(rawThread, random.nextInt(1000))
                .level(Level.values()[random.nextInt(Level.values().length)])
                .timestampMicros(random.nextLong() >> 12);
        message = sanitize(rawMessage);
        logger = sanitize(rawLogger);
        thread = sanitize(rawThread);
        addFields(event);
        addContext(event);
        addException(event);
        return event;
    }

    private void addFields(TestEvent event) {
        Set<String> keys = new HashSet<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            String key = text(10);
            if (keys.add(sanitize(key))) {
                Object value = value();
                event.field(key, value);
                fields.put(sanitize(key), value instanceof String ? sanitize((String) value) : value);
            }
        }
    }

    private void addContext(TestEvent event) {
        Set<String> keys = new HashSet<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            String key = text(10);
            String value = text(20);
            if (keys.add(sanitize(key))) {
                event.context(key, value);
            }
        }
        for (int i = 0; i < event.context().size(); i++) {
            context.put(sanitize(event.context().key(i)), sanitize(event.context().value(i)));
        }
    }

    private void addException(TestEvent event) {
        exceptionMessage = null;
        if (random.nextInt(4) == 0) {
            String raw = text(30);
            exceptionMessage = sanitize(raw);
            RuntimeException cause = new RuntimeException(text(10));
            IllegalStateException top = new IllegalStateException(raw, cause);
            cause.setStackTrace(new StackTraceElement[] {new StackTraceElement("x.Y", text(5), "Y.java", 3)});
            top.setStackTrace(new StackTraceElement[] {new StackTraceElement("x.Z", "m", text(5), 9)});
            event.throwable(top);
        }
    }

    private Object value() {
        switch (random.nextInt(6)) {
            case 0: return random.nextLong();
            case 1: return random.nextInt();
            case 2: return random.nextBoolean();
            case 3: return random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            case 4: return random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
            default: return text(30);
        }
    }

    public String text(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            switch (random.nextInt(9)) {
                case 0: case 1:
                    char c = (char) (0x20 + random.nextInt(0x5F));
                    sb.append(c == '\\' && !backslashes ? '/' : c);
                    break;
                case 2: sb.append((char) random.nextInt(0x20)); break;
                case 3: sb.append((char) (0x7F + random.nextInt(0x21))); break;
                case 4: sb.append("\u0085\u2028\u2029\"\r\n".charAt(random.nextInt(6))); break;
                case 5:
                    char bmp = (char) (0xA0 + random.nextInt(0xFFFF - 0xA0));
                    sb.append(Character.isSurrogate(bmp) ? 'é' : bmp);
                    break;
                case 6: sb.appendCodePoint(random.nextBoolean() ? 0x1F600 + random.nextInt(80) : 0x10000 + random.nextInt(0x100000)); break;
                case 7: sb.append((char) (0xD800 + random.nextInt(0x400))); break;
                default: sb.append((char) (0xDC00 + random.nextInt(0x400)));
            }
        }
        return sb.toString();
    }

    /** The text as a UTF-8 writer must read it back: each lone surrogate replaced by U+FFFD. */
    public static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
