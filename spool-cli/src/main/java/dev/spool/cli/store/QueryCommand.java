package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.store.LogPage;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.Order;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code spool query}: the stored events matching the filters, newest first. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Find stored events by level, time, logger, thread, fields, text.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool query -l ERROR -s 1h                       errors, last hour",
            "  spool query --db logs/spool.db -s all -n 5       newest 5 of all",
            "  spool query --logger app.db -t sqlite-worker-3 -g /login -n 20",
            "  spool query -s 2026-11-21T10:00 -u 2026-11-21T11:00    local time",
            "  spool query -c req-0-7 --json                    one request, JSON",
            "",
            "The database is logs/spool.db (./spool demo writes it) unless --db or",
            "--store names another. A full page ends with the cursor of the next one",
            "on stderr: pass it as --after CURSOR. When nothing matches, stderr says",
            "so, with the time of the newest match outside the time range.",
            "Exit codes: 0 success (also when nothing matched), 1 the database could",
            "not be read, 2 usage error."})
public final class QueryCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Mixin
    FilterOptions filters;

    @Option(names = {"-n", "--limit"}, defaultValue = "50", paramLabel = "N", description = "At most N events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--oldest-first", description = "Oldest events first (default: newest first).")
    boolean oldestFirst;

    @Option(names = "--after", paramLabel = "CURSOR", description = "Continue after a previous page's cursor.")
    String after;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LogQuery query;
        try {
            query = filters.builder(spec).limit(limit).order(oldestFirst ? Order.OLDEST_FIRST : Order.NEWEST_FIRST)
                    .after(after).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LogPage page;
        try (LogStore logs = store.open()) {
            page = logs.query(query);
            if (page.records().isEmpty() && after == null) {
                EmptyResult.explain(spec, logs, filters);
            }
        }
        new RecordPrinter(spec.commandLine().getOut(), store).print(page.records());
        if (page.nextCursor() != null) {
            spec.commandLine().getErr().println("more: --after " + page.nextCursor());
            spec.commandLine().getErr().flush();
        }
        return SpoolCommand.OK;
    }
}
