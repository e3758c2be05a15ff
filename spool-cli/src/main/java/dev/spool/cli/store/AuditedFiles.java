package dev.spool.cli.store;

import dev.spool.EventId;
import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.store.Audit;
import dev.spool.store.LedgerRecord;
import dev.spool.store.StoredCount;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * JSON Lines files (a {@code file} or {@code rolling} destination with {@code format = json}, its backups
 * plain or gzipped) read as an audit's evidence: the latest ledger of each producing pipeline and
 * destination across all the files, and the distinct event ids of each process. Files are read once, in
 * full, when made; an event id appearing twice counts once, as in a store.
 */
final class AuditedFiles implements Audit.StoredEvents {

    /** Lines of events may be as large as a file holds; a line is refused only past this. */
    private static final int MAX_LINE_BYTES = 64 << 20;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final Map<String, LedgerRecord> latest = new HashMap<>();
    private final Map<String, LedgerRecord> latestRelay = new HashMap<>();
    private final Map<String, Counters> events = new HashMap<>();
    private final JsonEventReader reader = new JsonEventReader(MAX_LINE_BYTES);
    private long unreadable;
    private String firstProblem;

    private AuditedFiles() {
    }

    /**
     * Reads every file; a line that is not an event of Spool's schema is counted ({@link #unreadable()}),
     * not fatal.
     *
     * @throws UncheckedIOException naming the file that could not be read
     */
    static AuditedFiles read(List<Path> files) {
        AuditedFiles audited = new AuditedFiles();
        for (Path file : files) {
            try (InputStream in = open(file)) {
                audited.readLines(file, in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return audited;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new BufferedInputStream(new GZIPInputStream(in), 1 << 16) : in;
    }

    private void readLines(Path file, InputStream in) throws IOException {
        byte[] line = new byte[8192];
        int length = 0;
        long number = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                line(file, ++number, line, length);
                length = 0;
            } else if (length < MAX_LINE_BYTES) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
                }
                line[length++] = (byte) b;
            }
        }
        if (length > 0) {
            line(file, ++number, line, length); // a last line without its line feed: a writer that died mid-line
        }
    }

    private void line(Path file, long number, byte[] bytes, int length) {
        if (length == 0) {
            return;
        }
        LogEvent event;
        try {
            event = reader.read(bytes, 0, length);
        } catch (IllegalArgumentException e) {
            if (unreadable++ == 0) {
                firstProblem = file + " line " + number + ": " + e.getMessage();
            }
            return;
        }
        if (event.kind() == EventKind.LEDGER) {
            ledger(event);
        } else {
            events.computeIfAbsent(EventId.nodeText(event.idHigh(), event.idLow()), k -> new Counters())
                    .add(event.idLow() & ((1L << 40) - 1));
        }
    }

    /** Keeps the latest (by {@code at_us}) ledger of each pipeline and destination: a ledger is cumulative. */
    private void ledger(LogEvent event) {
        Ledger l = event.ledger();
        String key = l.node() + '\u0000' + l.startMicros() + '\u0000' + l.pipeline() + '\u0000' + l.destination();
        Map<String, LedgerRecord> kept = l.relay() == null ? latest : latestRelay;
        if (l.relay() != null) {
            key += '\u0000' + l.relay().upstream(); // a relay writes one ledger per upstream producer
        }
        LedgerRecord known = kept.get(key);
        if (known == null || known.atMicros() < l.atMicros()) {
            kept.put(key, new LedgerRecord(l.node(), l.startMicros(), l.pipeline(), l.destination(), l.atMicros(),
                    l.sent(), l.failed(), l.dropped(), l.lastCounter(), l.last(), event.resource().service(),
                    event.resource().host(), event.resource().pid(), l.relay()));
        }
    }

    /** The latest producer ledgers made at or after {@code sinceMicros}. */
    List<LedgerRecord> ledgers(long sinceMicros) {
        return since(latest, sinceMicros);
    }

    /** The latest relay ledgers (a collector's, say) made at or after {@code sinceMicros}. */
    List<LedgerRecord> relayLedgers(long sinceMicros) {
        return since(latestRelay, sinceMicros);
    }

    private static List<LedgerRecord> since(Map<String, LedgerRecord> kept, long sinceMicros) {
        List<LedgerRecord> result = new ArrayList<>();
        for (LedgerRecord l : kept.values()) {
            if (l.atMicros() >= sinceMicros) {
                result.add(l);
            }
        }
        return result;
    }

    @Override
    public StoredCount count(String node, String coveredUpTo) {
        Counters c = events.get(node);
        return c == null ? new StoredCount(0, 0) : c.count(coveredUpTo.isEmpty() ? -1 : decode(coveredUpTo));
    }

    /** Lines that were not events of Spool's schema (text, renamed keys, a line cut short). */
    long unreadable() {
        return unreadable;
    }

    /** Where the first unreadable line is and what is wrong with it; null if none. */
    String firstProblem() {
        return firstProblem;
    }

    private static long decode(String counterText) {
        long value = 0;
        for (int i = 0; i < counterText.length(); i++) {
            value = (value << 5) | ALPHABET.indexOf(counterText.charAt(i));
        }
        return value;
    }

    /** The id counters of one process's events, distinct once sorted. */
    private static final class Counters {
        private long[] values = new long[64];
        private int size;

        void add(long counter) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = counter;
        }

        StoredCount count(long coveredUpTo) {
            Arrays.sort(values, 0, size);
            long total = 0;
            long covered = 0;
            for (int i = 0; i < size; i++) {
                if (i == 0 || values[i] != values[i - 1]) {
                    total++;
                    if (values[i] <= coveredUpTo) {
                        covered++;
                    }
                }
            }
            return new StoredCount(total, covered);
        }
    }
}
