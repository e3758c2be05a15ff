package dev.spool.format;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a pattern such as {@code %d %-5p [%t] %c - %m%n} into tokens. A token is {@code %}, an optional
 * width ({@code -5}, {@code 5}, {@code .20}, {@code .-20}), a name made of letters and an optional
 * {@code {option}}; {@code %%} is a percent sign; everything else is literal text. Names are matched
 * whole, so a typo such as {@code %mesage} is an error rather than {@code %m} followed by "esage".
 */
final class PatternParser {

    /** What a pattern may contain, for error messages. */
    static final String ACCEPTED = "%d, %d{ISO8601}, %d{ISO8601_MICROS}, %d{UNIX_MILLIS}, "
            + "%d{<DateTimeFormatter pattern>}, %p or %level, %t or %thread, %tid, %c or %logger (%c{N}: last N "
            + "segments), %m or %msg or %message, %n, %X, %X{key}, %kv, %ctx, %id, %service, %host, %pid, %ex, %%, "
            + "%highlight{...}, with an optional width such as %-5p, %5p, %.20c";

    private static final Map<String, EventToken> SIMPLE = Map.ofEntries(
            Map.entry("p", EventToken.LEVEL), Map.entry("level", EventToken.LEVEL),
            Map.entry("tid", EventToken.THREAD_ID),
            Map.entry("m", EventToken.MESSAGE), Map.entry("msg", EventToken.MESSAGE),
            Map.entry("message", EventToken.MESSAGE),
            Map.entry("n", EventToken.NEWLINE), Map.entry("ctx", EventToken.CONTEXT_PAIRS),
            Map.entry("id", EventToken.ID),
            Map.entry("service", EventToken.SERVICE), Map.entry("host", EventToken.HOST),
            Map.entry("pid", EventToken.PID));

    private final String pattern;
    private final ZoneId zone;
    private final boolean color;
    /** Inside {@code %highlight{...}}: no {@code %n} or {@code %ex}, and no exception token added at the end. */
    private final boolean nested;
    private final List<Token> tokens = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();
    private int pos;
    private boolean hasException;

    private record Width(int minChars, boolean padRight, int maxChars, boolean keepStart) {
        boolean isSet() {
            return minChars > 0 || maxChars < Integer.MAX_VALUE;
        }
    }

    private PatternParser(String pattern, ZoneId zone, boolean color, boolean nested) {
        this.pattern = pattern;
        this.zone = zone;
        this.color = color;
        this.nested = nested;
    }

    /**
     * The tokens of {@code pattern}, ending with an exception token when the pattern has no {@code %ex}.
     *
     * @throws IllegalArgumentException naming the bad token, its index and the accepted tokens
     */
    static Token[] parse(String pattern, ZoneId zone) {
        return parse(pattern, zone, false);
    }

    /** As {@link #parse(String, ZoneId)}; {@code %highlight{...}} writes ANSI colours only when {@code color}. */
    static Token[] parse(String pattern, ZoneId zone, boolean color) {
        return new PatternParser(pattern, zone, color, false).run();
    }

    private Token[] run() {
        while (pos < pattern.length()) {
            char c = pattern.charAt(pos);
            if (c != '%') {
                literal.append(c);
                pos++;
            } else if (pos + 1 < pattern.length() && pattern.charAt(pos + 1) == '%') {
                literal.append('%');
                pos += 2;
            } else {
                flushLiteral();
                tokens.add(token());
            }
        }
        flushLiteral();
        if (!hasException && !nested) {
            // No %ex: the stack trace follows the line, as Logback does, so it is never lost.
            tokens.add(new ExceptionToken(endsWithNewline()));
        }
        return tokens.toArray(new Token[0]);
    }

    private Token token() {
        int begin = pos++;
        Width width = width(begin);
        int nameStart = pos;
        while (pos < pattern.length() && isAsciiLetter(pattern.charAt(pos))) {
            pos++;
        }
        String name = pattern.substring(nameStart, pos);
        if (name.isEmpty()) {
            throw error(begin, "'%' must be followed by a token name");
        }
        String option = option(begin, name.equals("highlight"));
        Token token = named(name, option, begin);
        if (!width.isSet()) {
            return token;
        }
        if (token == EventToken.NEWLINE || token instanceof ExceptionToken) {
            throw error(begin, "%" + name + " takes no width");
        }
        return new PaddedToken(token, width.minChars(), width.padRight(), width.maxChars(), width.keepStart());
    }

    private Token named(String name, String option, int begin) {
        switch (name) {
            case "d": case "date":
                return date(option, begin);
            case "c": case "logger":
                return option == null ? NameToken.logger() : new LoggerSegmentsToken(positive(option, begin));
            case "t": case "thread":
                requireNoOption(name, option, begin);
                return NameToken.thread();
            case "kv":
                requireNoOption(name, option, begin);
                return new FieldsToken();
            case "X":
                return option == null ? EventToken.CONTEXT : new ContextValueToken(option);
            case "highlight":
                return highlight(option, begin);
            case "ex":
                requireNoOption(name, option, begin);
                if (nested) {
                    throw error(begin, "%ex cannot be inside %highlight{...}");
                }
                hasException = true;
                return new ExceptionToken(endsWithNewline());
            default:
                EventToken token = SIMPLE.get(name);
                if (token == null) {
                    throw error(begin, "unknown token '%" + name + "'");
                }
                requireNoOption(name, option, begin);
                return token;
        }
    }

    private Token highlight(String option, int begin) {
        if (option == null || option.isEmpty()) {
            throw error(begin, "%highlight needs the tokens to colour, such as %highlight{%-5p}");
        }
        Token[] inner;
        try {
            inner = new PatternParser(option, zone, color, true).run();
        } catch (IllegalArgumentException e) {
            throw error(begin, e.getMessage());
        }
        for (Token t : inner) {
            if (t == EventToken.NEWLINE) {
                throw error(begin, "%n cannot be inside %highlight{...}");
            }
        }
        return new HighlightToken(inner, color);
    }

    private Token date(String option, int begin) {
        if (option == null || option.equals("ISO8601")) {
            return DateToken.of(DateToken.ISO8601, zone);
        }
        switch (option) {
            case "ISO8601_MICROS": return DateToken.of(DateToken.ISO8601_MICROS, zone);
            case "UNIX_MILLIS": return EventToken.UNIX_MILLIS;
            default:
                try {
                    return DateToken.of(option, zone);
                } catch (IllegalArgumentException | DateTimeException e) {
                    throw error(begin, "bad date pattern in %d{" + option + "}: " + e.getMessage());
                }
        }
    }

    private Width width(int begin) {
        boolean padRight = consume('-');
        int minChars = digits(begin);
        int maxChars = Integer.MAX_VALUE;
        boolean keepStart = false;
        if (consume('.')) {
            keepStart = consume('-');
            maxChars = digits(begin);
            if (maxChars <= 0) {
                throw error(begin, "a maximum width after '.' must be a positive number");
            }
        }
        return new Width(minChars, padRight, maxChars, keepStart);
    }

    /** The text in braces after a token; only {@code %highlight}'s may hold braces of its own tokens. */
    private String option(int begin, boolean nestedBraces) {
        if (!consume('{')) {
            return null;
        }
        int close = nestedBraces ? closingBrace() : pattern.indexOf('}', pos);
        if (close < 0) {
            throw error(begin, "'{' without a closing '}'");
        }
        String option = pattern.substring(pos, close);
        pos = close + 1;
        return option;
    }

    /** The index of the '}' that closes the '{' before {@code pos}, counting nested pairs ({@code %highlight{%d{HH:mm}}}). */
    private int closingBrace() {
        int depth = 1;
        for (int i = pos; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private int digits(int begin) {
        int start = pos;
        while (pos < pattern.length() && pattern.charAt(pos) >= '0' && pattern.charAt(pos) <= '9') {
            pos++;
        }
        if (pos - start > 4) {
            throw error(begin, "width too large (at most 4 digits)");
        }
        return pos == start ? 0 : Integer.parseInt(pattern, start, pos, 10);
    }

    private int positive(String option, int begin) {
        if (option.matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(option);
        }
        throw error(begin, "%c{" + option + "} needs a positive number of segments such as %c{1}");
    }

    private void requireNoOption(String name, String option, int begin) {
        if (option != null) {
            throw error(begin, "%" + name + " takes no {option}");
        }
    }

    private boolean consume(char c) {
        if (pos < pattern.length() && pattern.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void flushLiteral() {
        if (literal.length() > 0) {
            tokens.add(new LiteralToken(literal.toString()));
            literal.setLength(0);
        }
    }

    private boolean endsWithNewline() {
        return tokens.isEmpty() || tokens.get(tokens.size() - 1) == EventToken.NEWLINE;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private IllegalArgumentException error(int index, String problem) {
        if (nested) {
            return new IllegalArgumentException(problem + " at index " + index + " inside %highlight{" + pattern + "}");
        }
        return new IllegalArgumentException(problem + " at index " + index + " in pattern '" + pattern
                + "'; accepted tokens: " + ACCEPTED);
    }
}
