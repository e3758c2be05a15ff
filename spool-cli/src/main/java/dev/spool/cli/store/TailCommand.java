package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.spi.Options;
import dev.spool.store.LogPage;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.LogStore;
import dev.spool.store.Order;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code spool tail}: the last events, oldest of them first; with {@code -f}, then every new one as it is
 * committed. SQLite tells no other process about new rows, so following polls. Each poll looks back over
 * a window ({@link #LATE_WINDOW}) and skips ids already printed: rows a batch commits late, or another
 * process commits out of time order, are still printed once.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the last stored events; -f keeps printing new ones.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool tail --db logs/spool.db              the last 20 events",
            "  spool tail -f -l WARN -n 5                 warnings and errors, live",
            "  spool tail -f --logger app.http --json     JSON lines to pipe on",
            "",
            "With -f, a database file that is replaced (rotated, or deleted and",
            "created again) is opened again and stderr says so, as tail -F does.",
            "Exit codes: 0 success, 1 the database could not be read, 2 usage error.",
            "-f runs until stopped: 130 after Ctrl-C, 143 after SIGTERM."})
public final class TailCommand implements Callable<Integer> {

    /** How far back each poll looks for rows committed after newer ones were printed. */
    static final Duration LATE_WINDOW = Duration.ofSeconds(10);

    @Mixin
    StoreOptions store;

    @Mixin
    FilterOptions filters;

    @Option(names = {"-n", "--lines", "--limit"}, defaultValue = "20", paramLabel = "N", description = "Last N events first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events until interrupted.")
    boolean follow;

    @Option(names = "--interval", defaultValue = "500ms", paramLabel = "DURATION",
            description = "With -f, how often to look for new events (default: ${DEFAULT-VALUE}).")
    String interval;

    @Spec
    CommandSpec spec;

    private final Map<String, Long> printed = new LinkedHashMap<>(); // event id -> timestamp, within the window

    @Override
    public Integer call() {
        Duration every = pollInterval();
        RecordPrinter printer = new RecordPrinter(spec.commandLine().getOut(), store);
        int n = checkedLines();
        filters.builder(spec); // a bad filter is a usage error before the store is opened
        try (FollowedStore logs = new FollowedStore(store.where.location(), spec.commandLine().getErr(), spec.qualifiedName())) {
            if (!printLast(printer, logs.store(), n)) {
                EmptyResult.explain(spec, logs.store(), filters);
            }
            while (follow && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(every.toNanos());
                if (logs.reopenIfReplaced()) {
                    printed.clear(); // another file: its events are all new
                    printLast(printer, logs.store(), n);
                } else {
                    printer.print(remember(newRecords(logs.store())));
                }
            }
        }
        return SpoolCommand.OK;
    }

    /**
     * Prints the last {@code n} events, oldest first, notes the older ones as seen, and prints what was
     * committed between the two reads; false when the first read found none.
     */
    private boolean printLast(RecordPrinter printer, LogStore logs, int n) {
        LogPage last = logs.query(filters.builder(spec).limit(n).build());
        List<LogRecord> first = new ArrayList<>(last.records());
        Collections.reverse(first);
        printer.print(remember(first));
        List<LogRecord> around = newRecords(logs);
        List<LogRecord> committedSince = committedSince(first, n, around);
        remember(around);
        printer.print(committedSince);
        return !first.isEmpty();
    }

    /**
     * Of {@code read} (a second read, oldest first, without the ids of {@code lastN}), the events that were
     * committed after {@code lastN} was read: not two reads of one snapshot, so a row committed in between
     * is in the second only. When the first read returned fewer than {@code n}, it had every event, so all
     * of {@code read} is new; otherwise an event at or after the oldest of the last N would have been among
     * them had it been there. An older one is taken as already stored: never printed, as {@code tail -n}
     * would not print it (a late commit older than the last N is not told apart from it).
     */
    static List<LogRecord> committedSince(List<LogRecord> lastN, int n, List<LogRecord> read) {
        if (lastN.size() < n) {
            return read;
        }
        long oldestShown = lastN.get(0).timestampMicros();
        return read.stream().filter(r -> r.timestampMicros() >= oldestShown).toList();
    }

    private List<LogRecord> newRecords(LogStore logs) {
        long from = filters.builder(spec).build().sinceMicros();
        if (!printed.isEmpty()) {
            long newest = printed.values().stream().mapToLong(Long::longValue).max().getAsLong();
            from = Math.max(from, newest - LATE_WINDOW.toNanos() / 1_000);
        }
        LogQuery query = filters.builder(spec).sinceMicros(from).limit(LogQuery.MAX_LIMIT).order(Order.OLDEST_FIRST).build();
        List<LogRecord> fresh = new ArrayList<>();
        for (LogPage page = logs.query(query); ; page = logs.query(query.after(page.nextCursor()))) {
            page.records().stream().filter(r -> !printed.containsKey(r.eventId())).forEach(fresh::add);
            if (page.nextCursor() == null) {
                return fresh;
            }
        }
    }

    /** Notes what is printed now and forgets ids older than the window behind the newest. */
    private List<LogRecord> remember(List<LogRecord> records) {
        records.forEach(r -> printed.put(r.eventId(), r.timestampMicros()));
        long newest = printed.values().stream().mapToLong(Long::longValue).max().orElse(0);
        printed.values().removeIf(ts -> ts < newest - 2 * LATE_WINDOW.toNanos() / 1_000);
        return records;
    }

    private int checkedLines() {
        if (lines < 1 || lines > LogQuery.MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), "bad value " + lines + " for --lines: expected 1 to " + LogQuery.MAX_LIMIT);
        }
        return lines;
    }

    private Duration pollInterval() {
        try {
            Duration d = Options.parseDuration(interval);
            if (d.toMillis() < 10) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "bad value '" + interval
                    + "' for --interval: expected a duration of at least 10ms such as 500ms or 2s");
        }
    }
}
