package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.spi.support.LineEscaper;
import dev.spool.store.LogRecord;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Prints log records for {@code query} and {@code tail}: an aligned table, or JSON lines. */
final class RecordPrinter {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String RESET = "\u001B[0m";

    private final PrintWriter out;
    private final boolean json;
    private final boolean color;
    private boolean headerPrinted; // tail -f prints many batches under one header

    RecordPrinter(PrintWriter out, StoreOptions options) {
        this.out = out;
        this.json = options.json;
        this.color = options.color();
    }

    void print(List<LogRecord> records) {
        if (json) {
            records.forEach(r -> out.println(json(r)));
        } else if (!records.isEmpty()) {
            Table table = new Table("TIME (UTC)", "LEVEL", "LOGGER", "THREAD", "MESSAGE");
            for (LogRecord r : records) {
                table.row(time(r.timestampMicros()), level(r.level()), oneLine(r.logger()), oneLine(r.thread()),
                        message(r));
            }
            table.print(out, !headerPrinted);
            headerPrinted = true;
        }
        out.flush();
    }

    static String time(long micros) {
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L));
    }

    private String level(Level level) {
        if (!color) {
            return level.name();
        }
        String code = switch (level) {
            case FATAL, ERROR -> "\u001B[31m";
            case WARN -> "\u001B[33m";
            case INFO -> "\u001B[32m";
            default -> "\u001B[2m";
        };
        return code + level.name() + RESET;
    }

    private static String message(LogRecord r) {
        StringBuilder b = new StringBuilder(r.message());
        for (Map.Entry<String, Object> f : r.fields().entrySet()) {
            b.append(' ').append(f.getKey()).append('=').append(f.getValue());
        }
        if (r.exception() != null) {
            b.append(" [").append(r.exception()).append(']'); // class: message
        }
        return oneLine(b.toString());
    }

    /** One event is one line, whatever it contains: control characters are shown escaped. */
    static String oneLine(String s) {
        return LineEscaper.escape(s);
    }

    static String json(LogRecord r) {
        return JsonLine.record(r);
    }
}
