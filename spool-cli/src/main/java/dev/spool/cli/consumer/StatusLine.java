package dev.spool.cli.consumer;

import dev.spool.consumer.ConsumerStats;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The consumer's progress on one line: rewritten in place every second on a terminal, printed as a new line
 * every 10 seconds otherwise (a log file gets a readable history, not a flood). Used by one thread.
 */
final class StatusLine {

    private static final int LOG_EVERY_SECONDS = 10;

    private final PrintWriter out;
    private final boolean terminal;
    private int seconds;
    private int lastLength;

    StatusLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(ConsumerStats s) {
        seconds++;
        if (terminal) {
            String text = format(s);
            out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
            lastLength = text.length();
            out.flush();
        } else if (seconds % LOG_EVERY_SECONDS == 0) {
            out.println(format(s));
            out.flush();
        }
    }

    void finish(ConsumerStats s) {
        if (terminal) {
            out.println();
        }
        String last = format(s);
        out.println("spool consume: stopped; " + last.substring(0, last.lastIndexOf(" | ")));
        out.flush();
    }

    static String format(ConsumerStats s) {
        StringBuilder b = new StringBuilder(160);
        b.append(String.format(Locale.ROOT, "%,.0f ev/s", s.eventsPerSecond()));
        b.append(" | lag ").append(s.queueDepth() < 0 ? "?" : String.format(Locale.ROOT, "%,d", s.queueDepth())).append(" msgs");
        b.append(String.format(Locale.ROOT, " | stored %,d dup %,d", s.eventsStored(), s.duplicates()));
        b.append(String.format(Locale.ROOT, " | batches %,d retries %,d dead %,d", s.batches(), s.retries(),
                s.deadLetteredTotal()));
        b.append(" | ").append(s.healthy() ? "healthy" : "UNHEALTHY " + s.workersConnected() + "/" + s.workers()
                + " connected" + (s.lastError() == null ? "" : ": " + abbreviate(s.lastError())));
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
