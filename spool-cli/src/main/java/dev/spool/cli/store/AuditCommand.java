package dev.spool.cli.store;

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
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    @Option(names = "--file", arity = "1..*", paramLabel = "FILE",
            description = "Audit JSON Lines files (format = json; a rolling destination's backups too, "
                    + "gzipped or not) instead of a store.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        long from;
        Duration silent;
        try {
            from = AuditReport.since("--since", since, now);
            silent = AuditReport.silentAfter("--silent-after", silentAfter);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        AuditReport report;
        if (files != null) {
            AuditedFiles audited = readFiles();
            report = AuditReport.of(from, now, silent, audited.ledgers(from), audited.relayLedgers(from), audited);
        } else {
            try (LogStore logs = store.open()) {
                report = AuditReport.run(logs, from, now, silent);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            report.entries().forEach(e -> out.println(AuditReport.json(e)));
            report.relays().forEach(r -> out.println(RelayReport.json(r)));
        } else if (report.entries().isEmpty()) {
            out.println("no ledgers since " + report.sinceText()
                    + ": nothing to audit (producers write ledgers only to destinations that carry them; see docs/audit.md)");
            RelayReport.table(out, report.relays());
        } else {
            table(out, report);
            RelayReport.hops(out, report.entries());
            RelayReport.table(out, report.relays());
        }
        out.flush();
        return report.exitCode();
    }

    /** Reads JSON Lines files for the audit; lines that are not Spool events are counted on stderr. */
    private AuditedFiles readFiles() {
        if (store.where.store != null) {
            throw new ParameterException(spec.commandLine(), "--file and --store exclude each other: audit either files or a store");
        }
        AuditedFiles audited;
        try {
            audited = AuditedFiles.read(files);
        } catch (UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (audited.unreadable() > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "%,d lines are not Spool JSON events and were skipped; "
                    + "the first: %s%n", audited.unreadable(), audited.firstProblem());
        }
        return audited;
    }

    private static void table(PrintWriter out, AuditReport report) {
        Table t = new Table("INSTANCE", "SERVICE", "HOST", "PID>", "DESTINATION", "SENT>", "STORED>", "MISSING>",
                "IN FLIGHT>", "FAILED>", "DROPPED", "STATE", "LAST LEDGER");
        for (Audit.Entry e : report.entries()) {
            t.row(e.node(), RecordPrinter.oneLine(e.service()), RecordPrinter.oneLine(e.host()), Long.toString(e.pid()),
                    RecordPrinter.oneLine(e.destination()), count(e.sent()), count(e.stored()), count(e.missing()),
                    count(e.inFlight()), count(e.failed()), dropped(e.dropped()), e.state().name(),
                    RecordPrinter.time(e.lastLedgerMicros()));
        }
        t.print(out);
        long missing = report.missing();
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
}
