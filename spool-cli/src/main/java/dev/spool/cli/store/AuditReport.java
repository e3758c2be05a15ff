package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.spi.Options;
import dev.spool.store.Audit;
import dev.spool.store.LedgerRecord;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The report of {@code spool audit} (docs/audit.md), made once for the command and for the web view's
 * {@code /api/audit}: both read their since and silence parameters here, run the same {@link Audit}, and
 * write each entry as the same JSON object, so the page cannot show something the command does not.
 *
 * <p>Immutable; {@link #run} reads the store and may throw the store's {@code StoreException}.
 */
public final class AuditReport {

    /** What a silence limit accepts, for messages. */
    public static final String SILENCE_ACCEPTED = "a duration of at least 1ms such as 10s, 1m or 1h";

    private final long sinceMicros;
    private final long nowMicros;
    private final Duration silentAfter;
    private final List<Audit.Entry> entries;
    private final List<Audit.RelayEntry> relays;

    private AuditReport(long sinceMicros, long nowMicros, Duration silentAfter, List<Audit.Entry> entries,
                        List<Audit.RelayEntry> relays) {
        this.sinceMicros = sinceMicros;
        this.nowMicros = nowMicros;
        this.silentAfter = silentAfter;
        this.entries = List.copyOf(entries);
        this.relays = List.copyOf(relays);
    }

    /**
     * The start of the audited window in microseconds, {@link Long#MIN_VALUE} for {@code all}.
     *
     * @param name how the user named the parameter, for the message ({@code --since})
     * @throws IllegalArgumentException naming {@code name}, the value and what is accepted
     */
    public static long since(String name, String text, Instant now) {
        return TimeArgument.micros(name, text, now, ZoneId.systemDefault(), Long.MIN_VALUE);
    }

    /**
     * How long an instance without a final ledger may stay quiet before it is {@code SILENT}.
     *
     * @throws IllegalArgumentException naming {@code name}, the value and what is accepted
     */
    public static Duration silentAfter(String name, String text) {
        try {
            Duration d = Options.parseDuration(text);
            if (d.toNanos() >= 1_000_000) { // toNanos also refuses what microseconds could not hold
                return d;
            }
        } catch (RuntimeException e) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("bad value '" + text + "' for " + name + ": expected " + SILENCE_ACCEPTED);
    }

    /** Audits every instance with a ledger made at or after {@code sinceMicros} (docs/audit.md). */
    public static AuditReport run(LogStore store, long sinceMicros, Instant now, Duration silentAfter) {
        long nowMicros = LogQuery.micros(now);
        long silentMicros = silentAfter.toNanos() / 1_000;
        return new AuditReport(sinceMicros, nowMicros, silentAfter,
                Audit.run(store, sinceMicros, nowMicros, silentMicros),
                Audit.relays(store, sinceMicros, nowMicros, silentMicros));
    }

    /**
     * The same audit over ledgers and events read elsewhere (JSON Lines files: {@code spool audit --file}):
     * producer ledgers against {@code stored}, with what the relay ledgers say of each producer.
     */
    public static AuditReport of(long sinceMicros, Instant now, Duration silentAfter, List<LedgerRecord> ledgers,
                                 List<LedgerRecord> relayLedgers, Audit.StoredEvents stored) {
        long nowMicros = LogQuery.micros(now);
        long silentMicros = silentAfter.toNanos() / 1_000;
        return new AuditReport(sinceMicros, nowMicros, silentAfter,
                Audit.withRelays(Audit.run(ledgers, stored, nowMicros, silentMicros), relayLedgers),
                Audit.relays(relayLedgers, nowMicros, silentMicros));
    }

    /** One entry per relay run (a collector or consumer process) with a ledger in the window. */
    public List<Audit.RelayEntry> relays() {
        return relays;
    }

    /** One entry per producer instance and destination, ordered by instance. */
    public List<Audit.Entry> entries() {
        return entries;
    }

    /** Events missing in all entries together. */
    public long missing() {
        return entries.stream().mapToLong(Audit.Entry::missing).sum();
    }

    /** The exit code of {@code spool audit}: {@link SpoolCommand#FAILED} when any instance has events missing. */
    public int exitCode() {
        return Audit.anyMissing(entries) ? SpoolCommand.FAILED : SpoolCommand.OK;
    }

    /** The start of the window as text: an instant, or "the beginning". */
    public String sinceText() {
        return sinceMicros == Long.MIN_VALUE ? "the beginning" : JsonLine.instant(sinceMicros);
    }

    /** One entry as a line of {@code spool audit --json} and an element of {@code /api/audit}'s {@code entries}. */
    public static String json(Audit.Entry e) {
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

    /**
     * The body of {@code /api/audit} (docs/web.md): the window, the entries exactly as {@code spool audit
     * --json} prints them, how many instances there are and how many miss events, the missing total and the
     * command's exit code.
     */
    public String json() {
        List<String> lines = new ArrayList<>(entries.size());
        entries.forEach(e -> lines.add(json(e)));
        List<String> relayLines = new ArrayList<>(relays.size());
        relays.forEach(r -> relayLines.add(RelayReport.json(r)));
        JsonLine j = new JsonLine();
        if (sinceMicros == Long.MIN_VALUE) {
            j.raw("since", "null").raw("since_micros", "null");
        } else {
            j.string("since", JsonLine.instant(sinceMicros)).number("since_micros", sinceMicros);
        }
        return j.string("now", JsonLine.instant(nowMicros)).number("now_micros", nowMicros)
                .number("silent_after_seconds", silentAfter.toNanos() / 1e9).array("entries", lines).array("relays", relayLines)
                .number("instances", entries.stream().map(Audit.Entry::node).distinct().count())
                .number("instances_missing", entries.stream().filter(e -> e.missing() > 0).map(Audit.Entry::node).distinct()
                        .count())
                .number("missing", missing()).number("exit_code", exitCode()).toString();
    }
}
