package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.store.Audit;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code spool audit}: per producer instance, what its ledgers say it sent against what the store holds. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Compare what each producer says it sent (its ledgers) with what the store holds: "
                + "missing events, drops at the source by reason, clean shutdown or vanished. See docs/audit.md.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool audit --db logs/spool.db               producers of the last 24 hours",
            "  spool audit --db logs/spool.db -s 7d --json  for scripts",
            "",
            "Exit codes: 0 nothing missing beyond events in flight, 1 events missing",
            "(or the store could not be read), 2 usage error."})
public final class AuditCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = {"-s", "--since"}, defaultValue = "24h", paramLabel = "TIME",
            description = "Audit producers with a ledger made since TIME (default: ${DEFAULT-VALUE}; "
                    + TimeArgument.ACCEPTED + ").")
    String since;

    @Option(names = "--silent-after", defaultValue = "1m", paramLabel = "DURATION",
            description = "A producer with no final ledger and none for this long is reported SILENT "
                    + "(vanished or cut off; default: ${DEFAULT-VALUE}).")
    String silentAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        Instant from;
        try {
            from = TimeArgument.parse("--since", since, now, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Duration silent = StatsCommand.duration(spec, "--silent-after", silentAfter);
        List<Audit.Entry> entries;
        List<Audit.RelayEntry> relays;
        try (LogStore logs = store.open()) {
            long sinceMicros = from == null ? Long.MIN_VALUE : LogQuery.micros(from);
            entries = Audit.run(logs, sinceMicros, LogQuery.micros(now), silent.toNanos() / 1_000);
            relays = Audit.relays(logs, sinceMicros, LogQuery.micros(now), silent.toNanos() / 1_000);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            entries.forEach(e -> out.println(json(e)));
            relays.forEach(r -> out.println(RelayReport.json(r)));
        } else if (entries.isEmpty()) {
            out.println("no ledgers since " + (from == null ? "the beginning" : from)
                    + ": nothing to audit (producers write ledgers only to destinations that carry them; see docs/audit.md)");
            RelayReport.table(out, relays);
        } else {
            table(out, entries);
            RelayReport.hops(out, entries);
            RelayReport.table(out, relays);
        }
        out.flush();
        return Audit.anyMissing(entries) ? SpoolCommand.FAILED : SpoolCommand.OK;
    }

    private static void table(PrintWriter out, List<Audit.Entry> entries) {
        Table t = new Table("INSTANCE", "SERVICE", "HOST", "PID>", "DESTINATION", "SENT>", "STORED>", "MISSING>",
                "IN FLIGHT>", "FAILED>", "DROPPED", "STATE", "LAST LEDGER");
        for (Audit.Entry e : entries) {
            t.row(e.node(), RecordPrinter.oneLine(e.service()), RecordPrinter.oneLine(e.host()), Long.toString(e.pid()),
                    RecordPrinter.oneLine(e.destination()), count(e.sent()), count(e.stored()), count(e.missing()),
                    count(e.inFlight()), count(e.failed()), dropped(e.dropped()), e.state().name(),
                    RecordPrinter.time(e.lastLedgerMicros()));
        }
        t.print(out);
        long missing = entries.stream().mapToLong(Audit.Entry::missing).sum();
        out.printf(Locale.ROOT, "%n%s%n", missing == 0 ? "nothing missing beyond events in flight"
                : String.format(Locale.ROOT, "%,d events missing", missing));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String dropped(Map<String, Long> dropped) {
        if (dropped.isEmpty()) {
            return "-";
        }
        return new TreeMap<>(dropped).entrySet().stream().map(d -> RecordPrinter.oneLine(d.getKey()) + "=" + d.getValue())
                .collect(Collectors.joining(","));
    }

    private static String json(Audit.Entry e) {
        StringBuilder drops = new StringBuilder("{");
        new TreeMap<>(e.dropped()).forEach((k, v) -> {
            if (drops.length() > 1) {
                drops.append(',');
            }
            drops.append(JsonLine.quoted(k)).append(':').append(v);
        });
        drops.append('}');
        return new JsonLine().string("instance", e.node()).string("service", e.service()).string("host", e.host())
                .number("pid", e.pid()).string("destination", e.destination()).number("pipelines", e.pipelines())
                .number("sent", e.sent()).number("stored", e.stored()).number("missing", e.missing())
                .number("in_flight", e.inFlight()).number("failed", e.failed()).raw("dropped", drops.toString())
                .string("state", e.state().name().toLowerCase(Locale.ROOT))
                .string("last_ledger", JsonLine.instant(e.lastLedgerMicros()))
                .raw("relays", RelayReport.hopsJson(e.hops())).string("gap_at", e.gapAt()).toString();
    }
}
