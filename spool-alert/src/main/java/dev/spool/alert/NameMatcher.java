package dev.spool.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches a service or logger name against a comma-separated list of patterns: {@code exact:NAME},
 * {@code prefix:NAME} (the name and its dotted descendants), {@code glob:PATTERN} ({@code *} any run of
 * characters, {@code ?} one character). A bare pattern is a glob when it holds {@code *} or {@code ?},
 * else exact. Immutable; matching allocates nothing.
 */
final class NameMatcher {

    /** Matches every name, including a missing one. */
    static final NameMatcher ANY = new NameMatcher(new int[0], new String[0], "*");

    private static final int EXACT = 0;
    private static final int PREFIX = 1;
    private static final int GLOB = 2;

    private final int[] kinds;
    private final String[] patterns;
    private final String text;

    private NameMatcher(int[] kinds, String[] patterns, String text) {
        this.kinds = kinds;
        this.patterns = patterns;
        this.text = text;
    }

    /**
     * @param key the full configuration key, for error messages
     * @throws IllegalArgumentException naming the key and the accepted forms when a pattern is empty
     */
    static NameMatcher parse(String key, String value) {
        List<Integer> kinds = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String p = item.trim();
            int kind;
            if (p.startsWith("exact:")) {
                kind = EXACT;
                p = p.substring(6).trim();
            } else if (p.startsWith("prefix:")) {
                kind = PREFIX;
                p = p.substring(7).trim();
            } else if (p.startsWith("glob:")) {
                kind = GLOB;
                p = p.substring(5).trim();
            } else {
                kind = p.indexOf('*') >= 0 || p.indexOf('?') >= 0 ? GLOB : EXACT;
            }
            if (p.isEmpty()) {
                throw new IllegalArgumentException("bad value '" + value + "' for key '" + key
                        + "': expected a comma-separated list of NAME, exact:NAME, prefix:NAME or glob:PATTERN,"
                        + " none of them empty");
            }
            kinds.add(kind);
            patterns.add(p);
        }
        int[] k = new int[kinds.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = kinds.get(i);
        }
        return new NameMatcher(k, patterns.toArray(new String[0]), value.trim());
    }

    boolean matches(String name) {
        if (kinds.length == 0) {
            return true;
        }
        if (name == null) {
            return false;
        }
        for (int i = 0; i < kinds.length; i++) {
            String p = patterns[i];
            switch (kinds[i]) {
                case EXACT:
                    if (name.equals(p)) {
                        return true;
                    }
                    break;
                case PREFIX:
                    if (name.startsWith(p) && (name.length() == p.length() || name.charAt(p.length()) == '.')) {
                        return true;
                    }
                    break;
                default:
                    if (glob(p, name)) {
                        return true;
                    }
            }
        }
        return false;
    }

    /** Iterative wildcard match: on a mismatch, retry from the last {@code *} one character further. */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
