package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of text per event, laid out by a pattern such as {@link #DEFAULT}; the tokens are listed in
 * docs/formats.md. Control characters in the message, fields, context, logger and thread names are
 * escaped so that an event is exactly one line; an exception follows on TAB-indented continuation lines
 * (appended automatically when the pattern has no {@code %ex}). Output is UTF-8.
 *
 * <p>Allocates nothing per event once warm, except for exceptions, for field values that are neither
 * strings, integers nor booleans, and for a thread name, logger name or {@code %kv} key not among the up
 * to 64 of each kind a token keeps encoded. Safe to share between threads, but the pipeline gives each
 * writer its own instance so the per-second date cache stays hot.
 */
public final class TextFormat implements Format {

    /** {@code %d{ISO8601} %-5p [%t] %c - %m%n}: {@code 2025-11-21T23:55:01,123 INFO  [main] app.db - hello}. */
    public static final String DEFAULT = "%d{ISO8601} %-5p [%t] %c - %m%n";

    /**
     * {@code %d{ISO8601} %highlight{%-5p} [%t] %c - %m%kv%ctx%n}, the console destination's default: the
     * fields and context follow the message as {@code key=value} pairs (nothing when there are none), and
     * the level is coloured when the console is a terminal.
     */
    public static final String CONSOLE_DEFAULT = "%d{ISO8601} %highlight{%-5p} [%t] %c - %m%kv%ctx%n";

    private final String pattern;
    private final Token[] tokens;

    private TextFormat(String pattern, Token[] tokens) {
        this.pattern = pattern;
        this.tokens = tokens;
    }

    /**
     * A format for {@code pattern}, printing times in {@code zone}.
     *
     * @throws IllegalArgumentException when the pattern is empty or has a bad token; the message names
     *                                  the token, its index and the accepted tokens
     */
    public static TextFormat of(String pattern, ZoneId zone) {
        return of(pattern, zone, false);
    }

    /**
     * A format for {@code pattern}, printing times in {@code zone}; {@code %highlight{...}} writes ANSI
     * colours only when {@code color} is true (a terminal), and only its enclosed text otherwise.
     *
     * @throws IllegalArgumentException when the pattern is empty or has a bad token; the message names
     *                                  the token, its index and the accepted tokens
     */
    public static TextFormat of(String pattern, ZoneId zone, boolean color) {
        Objects.requireNonNull(zone, "zone");
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern; accepted tokens: " + PatternParser.ACCEPTED);
        }
        return new TextFormat(pattern, joinFixedText(PatternParser.parse(pattern, zone, color)));
    }

    /**
     * The tokens with each literal text (and {@code %n}) joined to the token before it where that token can
     * take it ({@link Token#followedBy}): {@code %d %-5p [%t] %c - %m%n} becomes the date with its space, the
     * level with {@code " ["}, the thread with {@code "] "}, the logger with {@code " - "} and the message
     * with its newline. Each token is a call the JIT cannot inline and each text a copy of a few bytes.
     */
    static Token[] joinFixedText(Token[] tokens) {
        List<Token> joined = new ArrayList<>(tokens.length);
        for (Token token : tokens) {
            byte[] fixed = token.fixedBytes();
            int last = joined.size() - 1;
            if (fixed != null && last >= 0) {
                Token both = joined.get(last).followedBy(fixed);
                if (both != null) {
                    joined.set(last, both);
                    continue;
                }
            }
            joined.add(token);
        }
        return joined.toArray(new Token[0]);
    }

    @Override
    public void format(LogEvent event, ByteBuilder out) {
        for (Token token : tokens) {
            token.render(event, out);
        }
    }

    /** The pattern this format was built from. */
    @Override
    public String toString() {
        return pattern;
    }
}
