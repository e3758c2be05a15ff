package dev.spool.internal.pipeline;

import java.util.Arrays;

/**
 * Substitutes {@code {}} placeholders with SLF4J 2 semantics, straight into a reusable builder.
 *
 * <ul>
 *   <li>Arguments fill placeholders left to right; extra placeholders stay as {@code {}}.</li>
 *   <li>{@code \{}} is a literal {@code {}}; {@code \\{}} is a backslash followed by an argument.</li>
 *   <li>A trailing {@link Throwable} argument is the event's exception and never fills a placeholder.</li>
 *   <li>Arrays print like {@link Arrays#deepToString}; a failing {@code toString()} prints
 *       {@code [FAILED toString(): <exception>]} instead of reaching the caller.</li>
 * </ul>
 * Text is never interpreted beyond this: no lookups, no templates.
 */
final class MessageFormatter {

    private MessageFormatter() {
    }

    /**
     * Appends the formatted message.
     *
     * @param argc number of arguments when passed as {@code a0}/{@code a1}; ignored when {@code args} is set
     * @return the trailing Throwable argument, or null
     */
    static Throwable format(StringBuilder out, String pattern, int argc, Object a0, Object a1, Object[] args) {
        int count = args != null ? args.length : argc;
        Object last = count == 0 ? null : arg(count - 1, a0, a1, args);
        Throwable thrown = last instanceof Throwable ? (Throwable) last : null;
        if (thrown != null) {
            count--;
        }
        if (pattern == null) {
            out.append("null");
            return thrown;
        }
        if (count == 0) {
            out.append(pattern);
            return thrown;
        }
        substitute(out, pattern, count, a0, a1, args);
        return thrown;
    }

    private static void substitute(StringBuilder out, String pattern, int count, Object a0, Object a1, Object[] args) {
        int from = 0;
        int used = 0;
        int len = pattern.length();
        while (used < count) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            if (at > 0 && pattern.charAt(at - 1) == '\\') {
                if (at > 1 && pattern.charAt(at - 2) == '\\') {
                    out.append(pattern, from, at - 1); // "\\{}": one backslash, then the argument
                    appendArg(out, arg(used++, a0, a1, args));
                } else {
                    out.append(pattern, from, at - 1).append("{}"); // "\{}": literal braces
                }
            } else {
                out.append(pattern, from, at);
                appendArg(out, arg(used++, a0, a1, args));
            }
            from = at + 2;
        }
        out.append(pattern, from, len);
    }

    private static Object arg(int index, Object a0, Object a1, Object[] args) {
        if (args != null) {
            return args[index];
        }
        return index == 0 ? a0 : a1;
    }

    /** Appends one argument without allocating for strings, boxed integers, booleans and chars. */
    static void appendArg(StringBuilder out, Object value) {
        try {
            if (value instanceof String) {
                out.append((String) value);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) {
                out.append(((Number) value).longValue());
            } else if (value instanceof Boolean) {
                out.append(((Boolean) value).booleanValue());
            } else if (value instanceof Character) {
                out.append(((Character) value).charValue());
            } else if (value instanceof CharSequence) {
                out.append((CharSequence) value);
            } else if (value instanceof Object[]) {
                out.append(Arrays.deepToString((Object[]) value));
            } else if (value != null && value.getClass().isArray()) {
                appendPrimitiveArray(out, value);
            } else {
                out.append(value);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            out.append("[FAILED toString(): ").append(e).append(']');
        }
    }

    private static void appendPrimitiveArray(StringBuilder out, Object array) {
        if (array instanceof int[]) {
            out.append(Arrays.toString((int[]) array));
        } else if (array instanceof long[]) {
            out.append(Arrays.toString((long[]) array));
        } else if (array instanceof byte[]) {
            out.append(Arrays.toString((byte[]) array));
        } else if (array instanceof double[]) {
            out.append(Arrays.toString((double[]) array));
        } else if (array instanceof float[]) {
            out.append(Arrays.toString((float[]) array));
        } else if (array instanceof short[]) {
            out.append(Arrays.toString((short[]) array));
        } else if (array instanceof char[]) {
            out.append(Arrays.toString((char[]) array));
        } else {
            out.append(Arrays.toString((boolean[]) array));
        }
    }
}
