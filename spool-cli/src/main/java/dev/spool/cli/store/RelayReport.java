package dev.spool.cli.store;

import dev.spool.store.Audit;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The relays' part of {@code spool audit} (docs/audit.md): per producer, what each hop says it received and
 * wrote and where the gap is; then one row per relay run with its counts over all producers.
 */
final class RelayReport {

    private RelayReport() {
    }

    /** One line per producer the relays speak of, or that misses events: its path, hop by hop. */
    static void hops(PrintWriter out, List<Audit.Entry> entries) {
        boolean first = true;
        for (Audit.Entry e : entries) {
            if (e.hops().isEmpty() && e.missing() == 0) {
                continue;
            }
            if (first) {
                out.printf(Locale.ROOT, "%nPATH%n");
                first = false;
            }
            StringBuilder b = new StringBuilder();
            b.append(e.node()).append(' ').append(RecordPrinter.oneLine(e.destination())).append(": sent ")
                    .append(count(e.sent()));
            for (Audit.Hop h : e.hops()) {
                b.append(", ").append(RecordPrinter.oneLine(h.role())).append(" received ").append(count(h.received()))
                        .append(" wrote ").append(count(h.written()));
                if (h.duplicates() > 0) {
                    b.append(" (").append(count(h.duplicates())).append(" duplicates removed)");
                }
                if (h.failed() > 0) {
                    b.append(" (").append(count(h.failed())).append(" failed)");
                }
            }
            b.append(", stored ").append(count(e.stored() - e.inFlight()));
            if (e.missing() > 0) {
                b.append(": ").append(count(e.missing())).append(" lost ").append(place(e.gapAt()));
            }
            out.println(b);
        }
    }

    private static String place(String gapAt) {
        if (Audit.UNPLACED.equals(gapAt)) {
            return "(no relay ledger to place the gap)";
        }
        int space = gapAt.indexOf(' ');
        return space < 0 ? gapAt : gapAt.substring(0, space) + " the " + RecordPrinter.oneLine(gapAt.substring(space + 1));
    }

    /** The relay runs, if any wrote ledgers here. */
    static void table(PrintWriter out, List<Audit.RelayEntry> relays) {
        if (relays.isEmpty()) {
            return;
        }
        Table t = new Table("RELAY", "ROLE", "SERVICE", "HOST", "PID>", "PRODUCERS>", "RECEIVED>", "WRITTEN>",
                "DUPLICATES>", "FAILED>", "DEAD-LETTERED>", "REJECTED>", "STATE", "LAST LEDGER");
        for (Audit.RelayEntry r : relays) {
            t.row(r.node(), RecordPrinter.oneLine(r.role()), RecordPrinter.oneLine(r.service()),
                    RecordPrinter.oneLine(r.host()), Long.toString(r.pid()), Integer.toString(r.upstreams()),
                    count(r.received()), count(r.written()), count(r.duplicates()), count(r.failed()),
                    count(r.deadLettered()), count(r.rejected()), r.state().name(), RecordPrinter.time(r.lastLedgerMicros()));
        }
        out.printf(Locale.ROOT, "%n");
        t.print(out);
    }

    /** The hops of one producer as a JSON array. */
    static String hopsJson(List<Audit.Hop> hops) {
        StringBuilder b = new StringBuilder("[");
        for (Audit.Hop h : hops) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(new JsonLine().string("role", h.role()).number("relays", h.relays()).number("received", h.received())
                    .number("written", h.written()).number("duplicates", h.duplicates()).number("failed", h.failed()));
        }
        return b.append(']').toString();
    }

    /** One relay run as a JSON line: it has {@code relay} where a producer's line has {@code instance}. */
    static String json(Audit.RelayEntry r) {
        return new JsonLine().string("relay", r.node()).string("role", r.role()).string("pipeline", r.pipeline())
                .string("service", r.service()).string("host", r.host()).number("pid", r.pid())
                .string("started", JsonLine.instant(r.startMicros())).number("producers", r.upstreams())
                .number("received", r.received()).number("written", r.written()).number("duplicates", r.duplicates())
                .number("failed", r.failed()).number("dead_lettered", r.deadLettered()).number("rejected", r.rejected())
                .string("state", r.state().name().toLowerCase(Locale.ROOT))
                .string("last_ledger", JsonLine.instant(r.lastLedgerMicros())).toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
