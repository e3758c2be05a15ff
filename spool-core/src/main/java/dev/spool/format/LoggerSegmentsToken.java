package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

/** {@code %c{N}}: the last N dot-separated segments of the logger name ({@code %c{1}} of {@code app.db.Pool} is {@code Pool}). */
final class LoggerSegmentsToken extends Token {

    private final int segments;

    LoggerSegmentsToken(int segments) {
        this.segments = segments;
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        String logger = event.logger();
        if (logger == null) {
            LineEscaper.append(null, out);
            return;
        }
        int start = 0;
        int dots = 0;
        for (int i = logger.length() - 1; i >= 0; i--) {
            if (logger.charAt(i) == '.' && ++dots == segments) {
                start = i + 1;
                break;
            }
        }
        LineEscaper.append(logger, start, logger.length(), out);
    }
}
