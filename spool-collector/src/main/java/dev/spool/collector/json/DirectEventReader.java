package dev.spool.collector.json;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.spi.support.JsonNumbers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the common shape of an event line straight from its bytes, without a tree: {@code v}, {@code id},
 * {@code ts} in the form JsonFormat writes, a level in capitals, names, {@code message}, flat
 * {@code fields}, {@code context}, {@code kind} {@code "log"} and the resource. Names that repeat from line
 * to line (logger, thread, field keys, service, host) are taken from a small cache instead of a new String
 * each time.
 *
 * <p>It only ever accepts a line that the tree reader ({@link JsonEventReader}'s general path) accepts, and
 * then reads it to the same event. Anything else, a valid line it does not handle (an exception, a metric,
 * a ledger, {@code null} for a name, a level in lower case, a timestamp of another shape) as much as an
 * invalid one, it declines: {@link #read} returns false and the caller reads the line the general way,
 * which accepts it or says what is wrong with it exactly as before. Not thread-safe.
 */
final class DirectEventReader {

    /** Thrown to give up on a line; never escapes this class, so it needs no stack trace. */
    private static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Declined() {
            super(null, null, false, false);
        }
    }

    private static final Declined DECLINED = new Declined();

    // the top-level keys, as bits for the duplicate check
    private static final byte[][] KEY_NAMES = {
        ascii("v"), ascii("id"), ascii("ts"), ascii("level"), ascii("logger"), ascii("thread"), ascii("thread_id"),
        ascii("message"), ascii("fields"), ascii("context"), ascii("service"), ascii("host"), ascii("pid"),
        ascii("kind"),
    };
    private static final int V = 0;
    private static final int ID = 1;
    private static final int TS = 2;
    private static final int LEVEL = 3;
    private static final int LOGGER = 4;
    private static final int THREAD = 5;
    private static final int THREAD_ID = 6;
    private static final int MESSAGE = 7;
    private static final int FIELDS = 8;
    private static final int CONTEXT = 9;
    private static final int SERVICE = 10;
    private static final int HOST = 11;
    private static final int PID = 12;
    private static final int KIND = 13;

    /**
     * Each key quoted, as it is on the line; and the key JsonFormat writes after each one (-1: none
     * predicted), so the key a line most likely has next is checked in one pass over its bytes.
     */
    private static final byte[][] QUOTED_KEYS = new byte[KEY_NAMES.length][];
    private static final int[] NEXT_KEY = new int[KEY_NAMES.length];

    private static final Level[] LEVELS = Level.values();
    private static final byte[][] LEVEL_NAMES = new byte[LEVELS.length][];
    private static final byte[] BASE32 = new byte[128]; // Crockford digit of an ASCII byte, or -1
    private static final int MAX_FIELDS = 64;
    private static final int KEEP_CHARS = 16 * 1024;
    private static final String[] NO_KEYS = new String[0];
    private static final Object[] NO_VALUES = new Object[0];

    static {
        for (int i = 0; i < KEY_NAMES.length; i++) {
            QUOTED_KEYS[i] = ascii('"' + new String(KEY_NAMES[i], StandardCharsets.US_ASCII) + '"');
        }
        Arrays.fill(NEXT_KEY, -1);
        int[] order = {V, ID, TS, LEVEL, LOGGER, THREAD, THREAD_ID, MESSAGE, SERVICE, HOST, PID};
        for (int i = 0; i + 1 < order.length; i++) {
            NEXT_KEY[order[i]] = order[i + 1];
        }
        NEXT_KEY[FIELDS] = SERVICE;
        NEXT_KEY[CONTEXT] = SERVICE;
        for (int i = 0; i < LEVELS.length; i++) {
            LEVEL_NAMES[i] = ascii(LEVELS[i].name());
        }
        Arrays.fill(BASE32, (byte) -1);
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        for (int i = 0; i < alphabet.length(); i++) {
            char c = alphabet.charAt(i);
            BASE32[c] = (byte) i;
            BASE32[Character.toLowerCase(c)] = (byte) i;
        }
    }

    private final NameCache names = new NameCache();
    private byte[] in;
    private int pos;
    private int end;
    /** Start and length of the last string read, and whether it was plain ASCII without escapes. */
    private int stringStart;
    private int stringLength;
    private boolean stringPlain;
    /** Chars of a string with escapes or non-ASCII characters; reused. */
    private char[] chars = new char[64];
    private int charCount;
    private int lastDateKey = -1;
    private long lastEpochDay;
    private final String[] fieldKeys = new String[MAX_FIELDS];
    private final Object[] fieldValues = new Object[MAX_FIELDS];

    /** The resource members of the last line read; null or -1 where the line had none. */
    String service;
    String host;
    long pid;

    /** Where a message of printable ASCII goes instead of a new String, for one line; null for a String. */
    private AsciiSpan messageSpan;

    /**
     * Reads the line into {@code event} (every member but the resource, see {@link #service}). With a
     * {@code span}, a message of printable ASCII without escapes is copied into it, and it becomes the
     * event's message, instead of a new String.
     *
     * @param span where such a message goes, or null for a String always
     * @return false if it declined the line: {@code event} is then in no defined state
     */
    boolean read(byte[] bytes, int offset, int length, ReadEvent event, AsciiSpan span) {
        messageSpan = span;
        in = bytes;
        pos = offset;
        end = offset + length;
        try {
            object(event);
            return true;
        } catch (Declined e) {
            return false;
        } finally {
            in = null;
            messageSpan = null;
            if (chars.length > KEEP_CHARS) {
                chars = new char[64]; // one long line does not keep its buffer
            }
        }
    }

    private void object(ReadEvent event) {
        skipWhitespace();
        expect('{');
        int seen = 0;
        int expected = V;
        long version = 0;
        boolean idGiven = false;
        long tsMicros = 0;
        service = null;
        host = null;
        pid = 0;
        event.logger = "";
        event.threadName = "";
        event.fieldKeys = NO_KEYS;
        event.fieldValues = NO_VALUES;
        event.context = ContextMap.EMPTY;
        while (true) {
            skipWhitespace();
            int key = expected >= 0 && quotedAt(QUOTED_KEYS[expected]) ? expected : key();
            expected = NEXT_KEY[key];
            if ((seen & 1 << key) != 0) {
                throw DECLINED;
            }
            seen |= 1 << key;
            skipWhitespace();
            expect(':');
            skipWhitespace();
            switch (key) {
                case V:
                case THREAD_ID:
                case PID:
                    long number = integer(); // one call site, as for the strings below
                    if (key == V) {
                        version = number;
                    } else if (key == THREAD_ID) {
                        event.threadId = number;
                    } else {
                        pid = number;
                    }
                    break;
                case FIELDS: fields(event); break;
                case CONTEXT: event.context = context(); break;
                default:
                    // Every other member is a string. One call site for string() and one for the name cache,
                    // not one per member: C2 inlines each site's loops, and with a copy per member this method
                    // took it about a second of CPU to compile, which every consumer and collector JVM paid
                    // while it ran the slow profiled code meanwhile (docs/decisions/amqp-1m.md).
                    string();
                    switch (key) {
                        case ID:
                            id(event);
                            idGiven = true;
                            break;
                        case TS: tsMicros = timestamp(); break;
                        case LEVEL: event.level = level(); break;
                        case MESSAGE: event.message = message(); break;
                        case KIND: kindIsLog(); break;
                        default: nameMember(key, event, cachedName()); break;
                    }
                    break;
            }
            skipWhitespace();
            int b = take();
            if (b == '}') {
                break;
            }
            if (b != ',') {
                throw DECLINED;
            }
        }
        skipWhitespace();
        if (pos != end || version != 1 || (seen & (1 << V | 1 << LEVEL | 1 << MESSAGE)) != (1 << V | 1 << LEVEL | 1 << MESSAGE)) {
            throw DECLINED;
        }
        if ((seen & 1 << THREAD_ID) == 0) {
            event.threadId = 0;
        }
        event.timestampMicros = (seen & 1 << TS) != 0 ? tsMicros
                : Math.multiplyExact(System.currentTimeMillis(), 1000L);
        if (!idGiven) {
            event.idHigh = EventId.high(event.timestampMicros / 1000);
            event.idLow = EventId.nextLow();
        }
    }

    /**
     * Whether the line has {@code quoted} (a key with its quotes) at {@link #pos}, which then moves past
     * it: the key the general path would read there, without its string scan and comparison.
     */
    private boolean quotedAt(byte[] quoted) {
        int n = quoted.length;
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != quoted[i]) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    /** A top-level key, as its index in {@link #KEY_NAMES}. */
    private int key() {
        string();
        if (!stringPlain || stringLength == 0) {
            throw DECLINED;
        }
        int candidate = candidateKey(stringLength, in[stringStart]);
        if (candidate < 0 || !plainEquals(KEY_NAMES[candidate])) {
            throw DECLINED;
        }
        return candidate;
    }

    /** The only key of this length and first letter that could match, or -1. */
    private static int candidateKey(int length, byte first) {
        switch (length) {
            case 1: return V;
            case 2: return first == 'i' ? ID : TS;
            case 3: return PID;
            case 4: return first == 'h' ? HOST : KIND;
            case 5: return LEVEL;
            case 6: return first == 'l' ? LOGGER : first == 't' ? THREAD : FIELDS;
            case 7: return first == 'm' ? MESSAGE : first == 'c' ? CONTEXT : SERVICE;
            case 9: return THREAD_ID;
            default: return -1;
        }
    }

    /** Whether the last string read, plain, is {@code name}; a loop, as names are too short for a vector compare. */
    private boolean plainEquals(byte[] name) {
        if (name.length != stringLength) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (in[stringStart + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void id(ReadEvent event) {
        if (!stringPlain || stringLength != EventId.TEXT_LENGTH || digit(in[stringStart]) > 7) {
            throw DECLINED;
        }
        long high = 0;
        long low = 0;
        for (int i = stringStart; i < stringStart + EventId.TEXT_LENGTH; i++) {
            int d = digit(in[i]);
            if (d < 0) {
                throw DECLINED;
            }
            high = high << 5 | low >>> 59; // shift the 128-bit value left by 5 across both halves
            low = low << 5 | d;
        }
        event.idHigh = high;
        event.idLow = low;
    }

    private static int digit(byte b) {
        return b < 0 ? -1 : BASE32[b];
    }

    /** Only the shape JsonFormat writes, {@code 2025-11-21T23:55:01.123456Z}, without a leap second. */
    private long timestamp() {
        int s = stringStart;
        if (!stringPlain || stringLength != 27 || in[s + 26] != 'Z' || in[s + 4] != '-' || in[s + 7] != '-'
                || in[s + 10] != 'T' || in[s + 13] != ':' || in[s + 16] != ':' || in[s + 19] != '.') {
            throw DECLINED;
        }
        int hour = number(s + 11, 2);
        int minute = number(s + 14, 2);
        int second = number(s + 17, 2);
        if (hour > 23 || minute > 59 || second > 59) {
            throw DECLINED;
        }
        int dateKey = number(s, 4) * 10_000 + number(s + 5, 2) * 100 + number(s + 8, 2);
        if (dateKey != lastDateKey) {
            // events of one day share it: a date is validated once, not per event
            try {
                lastEpochDay = java.time.LocalDate.of(dateKey / 10_000, dateKey / 100 % 100, dateKey % 100).toEpochDay();
            } catch (java.time.DateTimeException e) {
                throw DECLINED;
            }
            lastDateKey = dateKey;
        }
        long seconds = lastEpochDay * 86_400 + hour * 3_600L + minute * 60L + second;
        return seconds * 1_000_000L + number(s + 20, 6);
    }

    private int number(int start, int digits) {
        int n = 0;
        for (int i = start; i < start + digits; i++) {
            int d = in[i] - '0';
            if (d < 0 || d > 9) {
                throw DECLINED;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private Level level() {
        if (stringPlain) {
            for (int i = 0; i < LEVELS.length; i++) {
                if (plainEquals(LEVEL_NAMES[i])) {
                    return LEVELS[i];
                }
            }
        }
        throw DECLINED; // CRITICAL, WARNING, lower case, spaces: the general path reads them
    }

    /** The logger, thread, service or host member, whose value {@code name} is. */
    private void nameMember(int key, ReadEvent event, String name) {
        if (key == LOGGER) {
            event.logger = name;
        } else if (key == THREAD) {
            event.threadName = name;
        } else if (key == SERVICE) {
            service = name;
        } else {
            host = name;
        }
    }

    /** The last string read is {@code "log"}, the only kind read here. */
    private void kindIsLog() {
        if (!stringPlain || stringLength != 3 || in[stringStart] != 'l' || in[stringStart + 1] != 'o'
                || in[stringStart + 2] != 'g') {
            throw DECLINED;
        }
    }

    private void fields(ReadEvent event) {
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return; // the general path also reads {} as no fields
        }
        int count = 0;
        while (true) {
            skipWhitespace();
            if (count == MAX_FIELDS) {
                throw DECLINED;
            }
            String key = name();
            for (int i = 0; i < count; i++) {
                if (fieldKeys[i].equals(key)) {
                    throw DECLINED; // a duplicate key: the general path says so
                }
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            fieldKeys[count] = key;
            fieldValues[count++] = scalar();
            skipWhitespace();
            int b = take();
            if (b == '}') {
                break;
            }
            if (b != ',') {
                throw DECLINED;
            }
        }
        event.fieldKeys = Arrays.copyOf(fieldKeys, count);
        event.fieldValues = Arrays.copyOf(fieldValues, count);
        Arrays.fill(fieldValues, 0, count, null);
    }

    private Object scalar() {
        int b = peek();
        switch (b) {
            case '"':
                string();
                return text();
            case 't': literal("true"); return Boolean.TRUE;
            case 'f': literal("false"); return Boolean.FALSE;
            case 'n': literal("null"); return null;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw DECLINED; // objects and arrays are not field values
        }
    }

    private ContextMap context() {
        expect('{');
        skipWhitespace();
        ContextMap context = ContextMap.EMPTY;
        if (peek() == '}') {
            pos++;
            return context;
        }
        int count = 0;
        while (true) {
            skipWhitespace();
            String key = name();
            if (context.get(key) != null || count == MAX_FIELDS) {
                throw DECLINED; // a duplicate key: the general path says so
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (peek() != '"') {
                throw DECLINED;
            }
            context = context.with(key, name());
            count++;
            skipWhitespace();
            int b = take();
            if (b == '}') {
                return context;
            }
            if (b != ',') {
                throw DECLINED;
            }
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (take() != word.charAt(i)) {
                throw DECLINED;
            }
        }
    }

    /** A JSON number exactly per the grammar: a Long if it is an integer of 64 bits, a Double otherwise. */
    private Object number() {
        int start = pos;
        pos = scanNumber();
        return JsonNumbers.value(in, start, pos);
    }

    /** An integer of at most 18 characters, for {@code v}, {@code thread_id} and {@code pid}. */
    private long integer() {
        int start = pos;
        int stop = scanNumber();
        if (stop - start > 18 || !JsonNumbers.integral(in, start, stop)) {
            throw DECLINED;
        }
        pos = stop;
        return JsonNumbers.parseLong(in, start, stop);
    }

    /** The index after the number at {@code pos}; a malformed one is declined to the general reader. */
    private int scanNumber() {
        int stop = JsonNumbers.scan(in, pos, end);
        if (stop < 0) {
            throw DECLINED;
        }
        return stop;
    }

    /** A string that is likely to repeat: from the cache when it is short plain ASCII. */
    private String name() {
        string();
        return cachedName();
    }

    /** The last string read, from the cache when it is short plain ASCII. */
    private String cachedName() {
        if (stringPlain) {
            return names.get(in, stringStart, stringLength);
        }
        return new String(chars, 0, charCount);
    }

    /** The last string read, as the message: in {@link #messageSpan} when there is one and it fits. */
    private CharSequence message() {
        if (messageSpan != null && stringPlain && messageSpan.set(in, stringStart, stringLength)) {
            return messageSpan;
        }
        return text();
    }

    /** The last string read, as a new String. */
    private String text() {
        if (stringPlain) {
            return new String(in, stringStart, stringLength, StandardCharsets.ISO_8859_1);
        }
        return new String(chars, 0, charCount);
    }

    /**
     * Reads a string at {@link #pos} as strictly as the general path. Plain ASCII stays in the input
     * ({@link #stringStart}, {@link #stringLength}); anything else is decoded into
     * {@link #chars}.
     */
    private void string() {
        expect('"');
        int start = pos;
        while (pos < end) {
            int b = in[pos];
            if (b == '"') {
                stringStart = start;
                stringLength = pos - start;
                stringPlain = true;
                pos++;
                return;
            }
            if (b < 0x20 || b == '\\') { // a negative byte is non-ASCII
                break;
            }
            pos++;
        }
        decoded(start);
    }

    private void decoded(int start) {
        stringPlain = false;
        charCount = 0;
        for (int i = start; i < pos; i++) {
            append((char) in[i]);
        }
        while (true) {
            int b = take() & 0xFF;
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                escape();
            } else if (b < 0x20) {
                throw DECLINED;
            } else if (b < 0x80) {
                append((char) b);
            } else {
                utf8(b);
            }
        }
    }

    private void escape() {
        int b = take();
        switch (b) {
            case '"': append('"'); break;
            case '\\': append('\\'); break;
            case '/': append('/'); break;
            case 'b': append('\b'); break;
            case 'f': append('\f'); break;
            case 'n': append('\n'); break;
            case 'r': append('\r'); break;
            case 't': append('\t'); break;
            case 'u': unicodeEscape(); break;
            default: throw DECLINED;
        }
    }

    private void unicodeEscape() {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (take() != '\\' || take() != 'u') {
                throw DECLINED;
            }
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                throw DECLINED;
            }
            append(c);
            append(low);
        } else if (Character.isLowSurrogate(c)) {
            throw DECLINED;
        } else {
            append(c);
        }
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(take(), 16);
            if (digit < 0) {
                throw DECLINED;
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    /** One UTF-8 sequence after its first byte, as strictly as {@code JsonReader}: shortest form, no surrogates. */
    private void utf8(int first) {
        int count;
        int cp;
        if (first >= 0xC2 && first <= 0xDF) {
            count = 1;
            cp = first & 0x1F;
        } else if (first >= 0xE0 && first <= 0xEF) {
            count = 2;
            cp = first & 0x0F;
        } else if (first >= 0xF0 && first <= 0xF4) {
            count = 3;
            cp = first & 0x07;
        } else {
            throw DECLINED;
        }
        for (int i = 0; i < count; i++) {
            int next = take() & 0xFF;
            if ((next & 0xC0) != 0x80) {
                throw DECLINED;
            }
            cp = cp << 6 | (next & 0x3F);
        }
        int min = count == 1 ? 0x80 : count == 2 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw DECLINED;
        }
        if (cp >= 0x10000) {
            append(Character.highSurrogate(cp));
            append(Character.lowSurrogate(cp));
        } else {
            append((char) cp);
        }
    }

    private void append(char c) {
        if (charCount == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2); // at most twice the line's length in chars
        }
        chars[charCount++] = c;
    }

    private void skipWhitespace() {
        while (pos < end && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    private int peek() {
        return pos < end ? in[pos] : -1;
    }

    private int take() {
        if (pos >= end) {
            throw DECLINED;
        }
        return in[pos++];
    }

    private void expect(char c) {
        if (take() != c) {
            throw DECLINED;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
