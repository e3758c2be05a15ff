package dev.spool.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * The credential values of one action (passwords, header values, webhook paths), so that no error
 * message or diagnostic ever prints them: {@link #mask} replaces each with {@code ****}. Immutable.
 */
final class Secrets {

    static final String MASK = "****";

    private final List<String> values;

    Secrets(List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            // Very short values would mask unrelated text; they are not worth hiding anyway.
            if (v != null && v.length() >= 4) {
                kept.add(v);
            }
        }
        // Longest first, so a secret containing another is masked whole.
        kept.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.values = List.copyOf(kept);
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        return out;
    }

    /** A throwable as {@code Class: message}, masked, for diagnostics. */
    String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + mask(message));
    }
}
