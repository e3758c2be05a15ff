package dev.spool.alert;

/**
 * Message templates for de-duplication: every word (run of letters and digits) holding a digit becomes
 * {@code #}, so {@code "order 8812 failed after 3 tries"} and {@code "order 9 failed after 12 tries"}
 * share the template {@code "order # failed after # tries"}. Only the first {@link #CHARS} characters
 * count. The hash walks the message without allocating.
 */
final class Templates {

    /** Characters of a message that decide its template. */
    static final int CHARS = 500;

    private static final long PRIME = 0x100000001B3L;
    private static final long SEED = 0xCBF29CE484222325L;

    private Templates() {
    }

    static long hash(CharSequence message) {
        if (message == null) {
            return SEED;
        }
        int n = Math.min(message.length(), CHARS);
        long h = SEED;
        int i = 0;
        while (i < n) {
            char c = message.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                h = (h ^ c) * PRIME;
                i++;
                continue;
            }
            long before = h;
            boolean digit = false;
            while (i < n && Character.isLetterOrDigit(c = message.charAt(i))) {
                digit |= Character.isDigit(c);
                h = (h ^ c) * PRIME;
                i++;
            }
            if (digit) {
                h = (before ^ '#') * PRIME;
            }
        }
        return h;
    }

    static String template(CharSequence message) {
        if (message == null) {
            return "";
        }
        int n = Math.min(message.length(), CHARS);
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = message.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            boolean digit = false;
            while (i < n && Character.isLetterOrDigit(c = message.charAt(i))) {
                digit |= Character.isDigit(c);
                i++;
            }
            if (digit) {
                out.append('#');
            } else {
                out.append(message, start, i);
            }
        }
        return out.toString();
    }
}
