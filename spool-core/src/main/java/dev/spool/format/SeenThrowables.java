package dev.spool.format;

import java.util.Arrays;

/**
 * The throwables one rendering has written so far, compared by identity, for cycles and the limit on how
 * many are written. Made only once an exception has a cause or suppressed ones, so the common exception
 * without either costs no allocation for it.
 */
final class SeenThrowables {

    private Throwable[] seen = new Throwable[8];
    private int count;

    /** Starts with {@code first}, already written. */
    SeenThrowables(Throwable first) {
        seen[0] = first;
        count = 1;
    }

    void add(Throwable t) {
        if (count == seen.length) {
            seen = Arrays.copyOf(seen, count * 2);
        }
        seen[count++] = t;
    }

    int count() {
        return count;
    }

    boolean containsSame(Throwable t) {
        for (int i = 0; i < count; i++) {
            if (seen[i] == t) {
                return true;
            }
        }
        return false;
    }
}
