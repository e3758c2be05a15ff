package dev.spool.format;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.nio.charset.StandardCharsets;

/**
 * {@code %highlight{...}}: the enclosed tokens in the event level's colour (ANSI SGR codes) when the format
 * writes colour, the enclosed tokens alone when it does not. The colours are those of {@code spool tail}:
 * FATAL bold red, ERROR red, WARN yellow, INFO green, DEBUG and TRACE faint.
 */
final class HighlightToken extends Token {

    private static final byte[] RESET = ascii("\u001B[0m");
    private static final byte[][] COLORS = colors();

    private final Token[] inner;
    private final boolean color;

    HighlightToken(Token[] inner, boolean color) {
        this.inner = inner.clone();
        this.color = color;
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        if (color) {
            out.append(COLORS[event.level().ordinal()]);
        }
        for (Token token : inner) {
            token.render(event, out);
        }
        if (color) {
            out.append(RESET);
        }
    }

    private static byte[][] colors() {
        byte[][] colors = new byte[Level.values().length][];
        for (Level level : Level.values()) {
            colors[level.ordinal()] = ascii(switch (level) {
                case FATAL -> "\u001B[1;31m";
                case ERROR -> "\u001B[31m";
                case WARN -> "\u001B[33m";
                case INFO -> "\u001B[32m";
                default -> "\u001B[2m";
            });
        }
        return colors;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
