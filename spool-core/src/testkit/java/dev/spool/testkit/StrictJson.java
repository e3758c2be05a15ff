package dev.spool.testkit;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict RFC 8259 parser for tests, so that the formats are checked against a reader that
 * forgives nothing: input must be valid UTF-8; no raw control characters in strings; only the standard
 * escapes; numbers exactly per the grammar; no duplicate keys, no lone surrogates, nothing after the value.
 *
 * <p>Objects become {@link LinkedHashMap} (key order kept), arrays {@link List}, numbers {@link Long}
 * when integral and in range, else {@link BigDecimal}.
 */
public final class StrictJson {

    private final String text;
    private int pos;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value from UTF-8 bytes; throws {@link IllegalArgumentException} on any deviation. */
    public static Object parse(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid UTF-8", e);
        }
        return parse(text);
    }

    public static Object parse(String text) {
        StrictJson parser = new StrictJson(text);
        parser.skipWhitespace();
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.fail("trailing content");
        }
        return value;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw fail("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw fail("unexpected character");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek('}')) {
            pos++;
            return map;
        }
        do {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.containsKey(key)) {
                throw fail("duplicate key " + key);
            }
            map.put(key, value());
            skipWhitespace();
        } while (consume(','));
        expect('}');
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        expect('[');
        skipWhitespace();
        if (peek(']')) {
            pos++;
            return list;
        }
        do {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
        } while (consume(','));
        expect(']');
        return list;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            } else if (c < 0x20) {
                throw fail("raw control character in string");
            } else if (c == '\\') {
                sb.append(escape());
            } else {
                sb.append(c);
            }
        }
        requireWellFormed(sb);
        return sb.toString();
    }

    private char escape() {
        if (pos >= text.length()) {
            throw fail("unterminated escape");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                    throw fail("bad \\u escape");
                }
                pos += 4;
                return (char) Integer.parseInt(text.substring(pos - 4, pos), 16);
            default:
                throw fail("bad escape \\" + c);
        }
    }

    private void requireWellFormed(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw fail("lone surrogate in string");
            }
        }
    }

    private Object number() {
        int start = pos;
        consume('-');
        if (consume('0')) {
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                throw fail("leading zero");
            }
        } else {
            digits();
        }
        boolean integral = true;
        if (consume('.')) {
            integral = false;
            digits();
        }
        if (consume('e') || consume('E')) {
            integral = false;
            if (!consume('+')) {
                consume('-');
            }
            digits();
        }
        BigDecimal value = new BigDecimal(text.substring(start, pos));
        if (integral && value.toBigInteger().bitLength() < 64) {
            return value.longValueExact();
        }
        return value;
    }

    private void digits() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw fail("digit expected");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw fail("bad literal");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw fail("'" + c + "' expected");
        }
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private IllegalArgumentException fail(String problem) {
        int from = Math.max(0, pos - 80);
        int to = Math.min(text.length(), pos + 80);
        return new IllegalArgumentException(problem + " at " + pos + " near: " + text.substring(from, to));
    }
}
