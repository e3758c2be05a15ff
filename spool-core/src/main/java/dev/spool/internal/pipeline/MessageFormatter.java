package dev.spool.internal.pipeline;

import dev.spool.spi.Arguments;

import java.util.Arrays;

/**
 * Substitutes {@code {}} placeholders with SLF4J 2 semantics, straight into a reusable {@link MessageBuffer}
 * (bytes while the message is printable ASCII).
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
    static Throwable format(MessageBuffer out, String pattern, int argc, Object a0, Object a1, Object[] args) {
        return format(out, pattern, null, argc, a0, a1, args);
    }

    /**
     * {@link #format(MessageBuffer, String, int, Object, Object, Object[])} with the pattern's plan, when the
     * thread has one ({@link PatternPlan}): the same output, without scanning the pattern.
     */
    static Throwable format(MessageBuffer out, String pattern, PatternPlan plan, int argc, Object a0, Object a1,
            Object[] args) {
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
            if (plan != null) {
                plan.appendAll(out);
            } else {
                out.append(pattern);
            }
            return thrown;
        }
        if (plan != null) {
            substitute(out, plan, count, a0, a1, args);
        } else {
            substitute(out, pattern, count, a0, a1, args);
        }
        return thrown;
    }

    /** {@link #substitute(MessageBuffer, String, int, Object, Object, Object[])} from the pattern's plan. */
    private static void substitute(MessageBuffer out, PatternPlan plan, int count, Object a0, Object a1, Object[] args) {
        int placeholders = plan.placeholders();
        for (int used = 0; used < count; used++) {
            plan.appendSegment(out, used);
            if (used == placeholders) {
                return; // no placeholder left: the rest, escapes resolved, is all of it
            }
            appendArg(out, arg(used, a0, a1, args));
        }
        plan.appendRestAfter(out, count - 1);
    }

    private static void substitute(MessageBuffer out, String pattern, int count, Object a0, Object a1, Object[] args) {
        int from = 0;
        for (int used = 0; used < count; used++) {
            int next = out.appendToPlaceholder(pattern, from);
            if (next < 0) {
                from = ~next;
                break;
            }
            appendArg(out, arg(used, a0, a1, args));
            from = next;
        }
        out.append(pattern, from, pattern.length());
    }

    /**
     * Appends the formatted message of a pattern with one primitive argument ({@link Arguments}'s kinds):
     * what {@link #format} appends for the boxed value, without boxing it.
     */
    static void formatPrimitive(MessageBuffer out, String pattern, int kind, long longValue, double doubleValue) {
        formatPrimitive(out, pattern, null, kind, longValue, doubleValue);
    }

    /** {@link #formatPrimitive(MessageBuffer, String, int, long, double)} with the pattern's plan, if any. */
    static void formatPrimitive(MessageBuffer out, String pattern, PatternPlan plan, int kind, long longValue,
            double doubleValue) {
        if (pattern == null) {
            out.append("null");
            return;
        }
        if (plan != null) {
            plan.appendSegment(out, 0);
            if (plan.placeholders() > 0) {
                appendPrimitive(out, kind, longValue, doubleValue);
                plan.appendRestAfter(out, 0);
            }
            return;
        }
        int next = out.appendToPlaceholder(pattern, 0);
        if (next < 0) {
            out.append(pattern, ~next, pattern.length());
            return;
        }
        appendPrimitive(out, kind, longValue, doubleValue);
        out.append(pattern, next, pattern.length());
    }

    /** Appends the formatted message of typed arguments; returns a trailing Throwable argument, or null. */
    static Throwable format(MessageBuffer out, String pattern, Arguments args) {
        return format(out, pattern, null, args);
    }

    /** {@link #format(MessageBuffer, String, Arguments)} with the pattern's plan, if any. */
    static Throwable format(MessageBuffer out, String pattern, PatternPlan plan, Arguments args) {
        int count = args.size();
        Throwable thrown = null;
        if (count > 0 && args.kind(count - 1) == Arguments.OBJECT && args.object(count - 1) instanceof Throwable) {
            thrown = (Throwable) args.object(--count);
        }
        if (pattern == null) {
            out.append("null");
            return thrown;
        }
        if (plan != null) {
            if (count == 0) {
                plan.appendAll(out);
                return thrown;
            }
            int placeholders = plan.placeholders();
            for (int used = 0; used < count; used++) {
                plan.appendSegment(out, used);
                if (used == placeholders) {
                    return thrown;
                }
                appendTyped(out, args, used);
            }
            plan.appendRestAfter(out, count - 1);
            return thrown;
        }
        int from = 0;
        for (int used = 0; used < count; used++) {
            int next = out.appendToPlaceholder(pattern, from);
            if (next < 0) {
                from = ~next;
                break;
            }
            appendTyped(out, args, used);
            from = next;
        }
        out.append(pattern, from, pattern.length());
        return thrown;
    }

    private static void appendTyped(MessageBuffer out, Arguments args, int used) {
        int kind = args.kind(used);
        if (kind == Arguments.OBJECT) {
            appendArg(out, args.object(used));
        } else {
            appendPrimitive(out, kind, args.longValue(used), args.doubleValue(used));
        }
    }

    /** Appends a primitive as its box's {@code toString()} would, without allocating. */
    private static void appendPrimitive(MessageBuffer out, int kind, long longValue, double doubleValue) {
        switch (kind) {
            case Arguments.LONG: out.append(longValue); break;
            case Arguments.DOUBLE: out.append(doubleValue); break;
            case Arguments.FLOAT: out.append((float) doubleValue); break;
            default: out.append((char) longValue); break;
        }
    }

    private static Object arg(int index, Object a0, Object a1, Object[] args) {
        if (args != null) {
            return args[index];
        }
        return index == 0 ? a0 : a1;
    }

    /** Appends one argument without allocating for strings, boxed numbers, booleans and chars. */
    static void appendArg(MessageBuffer out, Object value) {
        try {
            if (value instanceof String) {
                out.append((String) value);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) {
                out.append(((Number) value).longValue());
            } else if (value instanceof Double) {
                out.append(((Double) value).doubleValue()); // the same digits as Double.toString, no String
            } else if (value instanceof Float) {
                out.append(((Float) value).floatValue());
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
                out.append(String.valueOf(value));
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            out.append("[FAILED toString(): ");
            out.append(String.valueOf(e));
            out.append(']');
        }
    }

    private static void appendPrimitiveArray(MessageBuffer out, Object array) {
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
