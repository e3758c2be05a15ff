package dev.spool.cli.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one request's query string, checked against what its endpoint accepts: an unknown
 * name, a repeated single-valued one, a bad percent escape or bytes that are not UTF-8 are a {@code 400}
 * naming the parameter, never silently ignored or replaced.
 */
final class Params {

    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses {@code rawQuery} (still percent-encoded; null for none).
     *
     * @param single     the names that may appear once
     * @param repeatable the names that may appear several times
     */
    static Params parse(String rawQuery, Set<String> single, Set<String> repeatable) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter '" + name + "'");
                if (!single.contains(name) && !repeatable.contains(name)) {
                    throw new HttpError(400, "unknown parameter '" + name + "'; this endpoint takes "
                            + (single.isEmpty() && repeatable.isEmpty() ? "none" : String.join(", ", sorted(single, repeatable))));
                }
                List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
                if (!list.isEmpty() && single.contains(name)) {
                    throw new HttpError(400, "parameter '" + name + "' given more than once");
                }
                list.add(value);
            }
        }
        return new Params(values);
    }

    private static List<String> sorted(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(null);
        return all;
    }

    /** The value of a single-valued parameter; null when absent or empty (an empty filter is no filter). */
    String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.get(0).isEmpty() ? null : list.get(0);
    }

    /** A required parameter's value. */
    String required(String name) {
        String value = get(name);
        if (value == null) {
            throw new HttpError(400, "parameter '" + name + "' is required");
        }
        return value;
    }

    /** Every non-empty value of a repeatable parameter, in order. */
    List<String> all(String name) {
        List<String> list = values.getOrDefault(name, List.of());
        return list.stream().filter(v -> !v.isEmpty()).toList();
    }

    /** Every {@code key=value} value of a repeatable parameter as a map. */
    Map<String, String> pairs(String name) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String v : all(name)) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new HttpError(400, "bad value '" + v + "' for parameter '" + name + "': expected KEY=VALUE");
            }
            pairs.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return pairs;
    }

    /** An integer parameter in {@code [min, max]}, {@code otherwise} when absent. */
    int integer(String name, int otherwise, int min, int max) {
        String value = get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new HttpError(400, "bad value '" + value + "' for parameter '" + name + "': expected a whole number from "
                + min + " to " + max);
    }

    /** Percent-decoding with {@code +} as a space, refusing bad escapes and bytes that are not UTF-8. */
    static String decode(String raw, String what) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int lo = hi < 0 ? -1 : hex(raw.charAt(i + 2));
                if (lo < 0) {
                    throw new HttpError(400, "bad percent escape in " + what + " at character " + i
                            + ": expected % and two hexadecimal digits");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                int cp = raw.codePointAt(i);
                if (Character.charCount(cp) == 1 && Character.isSurrogate((char) cp)) {
                    // a lone surrogate has no UTF-8: getBytes would silently make it '?'
                    throw new HttpError(400, what + " is not UTF-8 at character " + i);
                }
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, what + " is not UTF-8 once percent-decoded");
        }
    }

    /** An ASCII hexadecimal digit's value, or -1: {@link Character#digit} also takes other scripts' digits. */
    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
