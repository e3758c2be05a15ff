package dev.spool.postgres;

/**
 * Makes event text storable in PostgreSQL: NUL, which a text value cannot hold, becomes U+FFFD, and text
 * longer than a column's limit is cut with a marker saying how much was cut.
 */
final class Text {

    /** What NUL is stored as. */
    static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /** {@code s} without NUL and at most {@code maxChars} long (plus the marker); null stays null. */
    static String storable(String s, int maxChars) {
        if (s == null) {
            return null;
        }
        String cut = s.length() <= maxChars ? s
                : s.substring(0, maxChars) + "...[" + (s.length() - maxChars) + " chars cut]";
        return cut.indexOf('\0') < 0 ? cut : cut.replace('\0', REPLACEMENT);
    }
}
