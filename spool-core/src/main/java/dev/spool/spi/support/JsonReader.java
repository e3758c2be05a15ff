package dev.spool.spi.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser of one JSON value held in a byte range, for input from other processes:
 * valid UTF-8 only, no raw control characters in strings, only the standard escapes, no lone surrogates,
 * no duplicate keys, numbers exactly per the grammar, nothing after the value, and at most
 * {@link #MAX_DEPTH} levels of nesting. Objects become {@link LinkedHashMap}, arrays {@link List},
 * integers {@link Long} (or {@link Double} past 64 bits), other numbers {@link Double}.
 *
 * <p>The caller bounds the range's length before it holds the bytes, so nothing here allocates more than
 * a small multiple of that length.
 */
public final class JsonReader {

    /** Deepest nesting accepted: an exception's causes are nested, and 100 of them are written at most. */
    public static final int MAX_DEPTH = 128;

    private final byte[] in;
    private final int end;
    private int pos;
    private final StringBuilder chars = new StringBuilder();

    private JsonReader(byte[] in, int offset, int end) {
        this.in = in;
        this.pos = offset;
        this.end = end;
    }

    /**
     * Parses a JSON object that makes up the whole range, such as a protocol control line.
     *
     * @throws IllegalArgumentException saying what is wrong and where, or that the value is not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(byte[] bytes, int offset, int length) {
        Object value = parse(bytes, offset, length);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** Parses the whole range as one value; throws {@link IllegalArgumentException} saying where it failed. */
    public static Object parse(byte[] bytes, int offset, int length) {
        JsonReader parser = new JsonReader(bytes, offset, offset + length);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != parser.end) {
            throw parser.fail("unexpected content after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("nested deeper than " + MAX_DEPTH);
        }
        if (pos >= end) {
            throw fail("unexpected end of input");
        }
        byte b = in[pos];
        switch (b) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw fail("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw fail("expected a key");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.containsKey(key)) {
                throw fail("duplicate key '" + key + "'");
            }
            map.put(key, value(depth + 1));
            skipWhitespace();
            if (take() == '}') {
                return map;
            }
            pos--;
            expect(',');
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            if (take() == ']') {
                return list;
            }
            pos--;
            expect(',');
        }
    }

    private Object literal(String word, Object result) {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= end || in[pos++] != word.charAt(i)) {
                throw fail("bad literal, expected " + word);
            }
        }
        return result;
    }

    private Object number() {
        int start = pos;
        int stop = JsonNumbers.scan(in, pos, end);
        if (stop < 0) {
            pos = -stop - 1;
            throw fail("expected a digit");
        }
        pos = stop;
        return JsonNumbers.value(in, start, stop);
    }

    private String string() {
        pos++;
        chars.setLength(0);
        while (true) {
            if (pos >= end) {
                throw fail("unterminated string");
            }
            int b = in[pos] & 0xFF;
            if (b == '"') {
                pos++;
                return chars.toString();
            }
            if (b == '\\') {
                escape();
            } else if (b < 0x20) {
                throw fail("raw control character in a string");
            } else if (b < 0x80) {
                chars.append((char) b);
                pos++;
            } else {
                utf8(b);
            }
        }
    }

    private void escape() {
        pos++;
        switch (take()) {
            case '"': chars.append('"'); break;
            case '\\': chars.append('\\'); break;
            case '/': chars.append('/'); break;
            case 'b': chars.append('\b'); break;
            case 'f': chars.append('\f'); break;
            case 'n': chars.append('\n'); break;
            case 'r': chars.append('\r'); break;
            case 't': chars.append('\t'); break;
            case 'u': unicodeEscape(); break;
            default: throw fail("bad escape");
        }
    }

    private void unicodeEscape() {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (pos + 1 < end && in[pos] == '\\' && in[pos + 1] == 'u') {
                pos += 2;
                char low = hex4();
                if (!Character.isLowSurrogate(low)) {
                    throw fail("lone surrogate");
                }
                chars.append(c).append(low);
                return;
            }
            throw fail("lone surrogate");
        }
        if (Character.isLowSurrogate(c)) {
            throw fail("lone surrogate");
        }
        chars.append(c);
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(take(), 16);
            if (digit < 0) {
                throw fail("bad \\u escape");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

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
            throw fail("invalid UTF-8");
        }
        pos++;
        for (int i = 0; i < count; i++) {
            int next = pos < end ? in[pos] & 0xFF : 0;
            if ((next & 0xC0) != 0x80) {
                throw fail("invalid UTF-8");
            }
            cp = cp << 6 | (next & 0x3F);
            pos++;
        }
        int min = count == 1 ? 0x80 : count == 2 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw fail("invalid UTF-8");
        }
        chars.appendCodePoint(cp);
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
            throw fail("unexpected end of input");
        }
        return in[pos++];
    }

    private void expect(char c) {
        if (take() != c) {
            pos--;
            throw fail("expected '" + c + "'");
        }
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(what + " at byte " + pos);
    }
}
