package dev.spool.cli.store;

import dev.spool.store.LogPage;
import dev.spool.store.LogRecord;
import dev.spool.store.LogStore;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * What a store command prints on stderr when nothing matched, as the web view does: that nothing matched,
 * and when a time range hid older matches, when the newest of them is from and how to see it.
 */
final class EmptyResult {

    private EmptyResult() {
    }

    /** Says on stderr why {@code spec}'s command found no events. */
    static void explain(CommandSpec spec, LogStore logs, FilterOptions filters) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + why(spec, logs, filters));
        err.flush();
    }

    static String why(CommandSpec spec, LogStore logs, FilterOptions filters) {
        if (!filters.hasTimeRange()) {
            return "no events match";
        }
        LogPage newest = logs.query(filters.builder(spec, false).limit(1).build());
        if (newest.records().isEmpty()) {
            return "no events match, at any time";
        }
        LogRecord r = newest.records().get(0);
        return "no events match in that time range; the newest match is from " + RecordPrinter.time(r.timestampMicros())
                + " UTC (widen the range; --since all is everything)";
    }
}
