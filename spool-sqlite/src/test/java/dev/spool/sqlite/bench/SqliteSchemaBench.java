package dev.spool.sqlite.bench;

import dev.spool.EventId;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Insert rate of schema and write-path variants, plain JDBC, the rows the throughput benchmark's
 * producers log: each variant writes ROWS rows in 10,000-row transactions into a fresh file; the variants
 * take turns for ROUNDS rounds (so load from other processes hits them alike) and the median of each is
 * printed with its ratio to the first variant. A variant is a '+'-separated list of options:
 * <ul>
 * <li>{@code base}: the schema of migration 2 (text event id, six indexes on logs), one JDBC batch per commit
 * <li>{@code blob}: event id as a 16-byte BLOB
 * <li>{@code nots}: without the {@code logs_ts} index; {@code nolevel}, {@code nologger}, {@code nothread}:
 *     without {@code logs_level_ts}, {@code logs_logger_ts}, {@code logs_thread_ts}
 * <li>{@code pN}: {@code page_size = N}; {@code cN}: {@code cache_size = -N} (KiB); {@code mmap}: 256 MiB mmap
 * <li>{@code bN}: N rows per transaction instead of 10,000
 * <li>{@code mrN}: multi-row {@code INSERT ... VALUES (...), (...)} with N rows per statement
 * <li>{@code fall} / {@code fuser}: a field index {@code log_fields (kv, ts, id)} WITHOUT ROWID filled by a
 *     trigger from every field / only from {@code user_id}
 * <li>{@code jfall} / {@code jfuser}: the same filled from Java with explicit log ids, a second JDBC batch
 * <li>{@code jhall} / {@code jhuser}: the same with a 64-bit hash of key=value instead of its text
 * <li>{@code xuser}: an index on the expression {@code (CAST(json_extract(fields, '$."user_id"') AS TEXT), ts)}
 * </ul>
 *
 * <p>Arguments: ROWS ROUNDS DIR VARIANT...
 */
public final class SqliteSchemaBench {

    private static final int DEFAULT_BATCH = 10_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Rows per second of the inserting thread's CPU time: less sensitive to other processes than wall time. */
    private static final Map<String, List<Double>> cpuRates = new LinkedHashMap<>();

    private SqliteSchemaBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        List<String> variants = Arrays.asList(args).subList(3, args.length);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String v : variants) {
                double rate = run(dir, v, rows);
                rates.computeIfAbsent(v, k -> new ArrayList<>()).add(rate);
                List<Double> cpu = cpuRates.get(v);
                System.out.printf("round %d %-40s %,10.0f rows/s  %,10.0f rows/cpu-s%n", round + 1, v, rate,
                        cpu.get(cpu.size() - 1));
            }
        }
        double baseline = median(rates.get(variants.get(0)));
        double cpuBaseline = median(cpuRates.get(variants.get(0)));
        for (var e : rates.entrySet()) {
            double m = median(e.getValue());
            double cpu = median(cpuRates.get(e.getKey()));
            System.out.printf("median %-40s %,10.0f rows/s %.2fx   %,10.0f rows/cpu-s %.2fx%n", e.getKey(), m,
                    m / baseline, cpu, cpu / cpuBaseline);
        }
    }

    private static void addField(PreparedStatement field, boolean hashed, String kv, long ts, long id) throws Exception {
        if (hashed) {
            field.setLong(1, hash(kv));
        } else {
            field.setString(1, kv);
        }
        field.setLong(2, ts);
        field.setLong(3, id);
        field.addBatch();
    }

    /** 64-bit FNV-1a over the UTF-16 units, then a finalizer (enough for a benchmark). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double run(Path dir, String variant, long rows) throws Exception {
        List<String> o = Arrays.asList(variant.split("\\+"));
        Path db = dir.resolve("schema-" + variant.replace('+', '_') + ".db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
        boolean blob = o.contains("blob");
        int multi = 1;
        int batch = DEFAULT_BATCH;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String opt : o) {
                if (opt.matches("p\\d+")) {
                    s.execute("PRAGMA page_size=" + opt.substring(1));
                } else if (opt.matches("c\\d+")) {
                    s.execute("PRAGMA cache_size=-" + opt.substring(1));
                } else if (opt.equals("mmap")) {
                    s.execute("PRAGMA mmap_size=268435456");
                } else if (opt.matches("b\\d+")) {
                    batch = Integer.parseInt(opt.substring(1));
                } else if (opt.matches("mr\\d+")) {
                    multi = Integer.parseInt(opt.substring(2));
                }
            }
            if (o.stream().noneMatch(x -> x.matches("c\\d+"))) {
                s.execute("PRAGMA cache_size=-16384");
            }
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA temp_store=MEMORY");
            s.execute("CREATE TABLE logs (id INTEGER PRIMARY KEY, event_id " + (blob ? "BLOB" : "TEXT")
                    + " NOT NULL UNIQUE, ts INTEGER NOT NULL,"
                    + " level INTEGER NOT NULL, logger TEXT NOT NULL, thread TEXT NOT NULL, thread_id INTEGER NOT NULL,"
                    + " message TEXT NOT NULL, exception TEXT, fields TEXT, context TEXT, correlation_id TEXT,"
                    + " service TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL)");
            if (!o.contains("nots")) {
                s.execute("CREATE INDEX logs_ts ON logs (ts)");
            }
            if (!o.contains("nolevel")) {
                s.execute("CREATE INDEX logs_level_ts ON logs (level, ts)");
            }
            if (!o.contains("nologger")) {
                s.execute("CREATE INDEX logs_logger_ts ON logs (logger, ts)");
            }
            if (!o.contains("nothread")) {
                s.execute("CREATE INDEX logs_thread_ts ON logs (thread, ts)");
            }
            s.execute("CREATE INDEX logs_correlation ON logs (correlation_id) WHERE correlation_id IS NOT NULL");
            if (o.contains("fall") || o.contains("fuser")) {
                s.execute("CREATE TABLE log_fields (kv TEXT NOT NULL, ts INTEGER NOT NULL, id INTEGER NOT NULL,"
                        + " PRIMARY KEY (kv, ts, id)) WITHOUT ROWID");
                s.execute("CREATE TRIGGER log_fields_insert AFTER INSERT ON logs WHEN new.fields IS NOT NULL BEGIN"
                        + " INSERT INTO log_fields (kv, ts, id) SELECT f.key || '=' || (CASE f.type WHEN 'true' THEN 'true'"
                        + " WHEN 'false' THEN 'false' ELSE CAST(f.value AS TEXT) END), new.ts, new.id"
                        + " FROM json_each(new.fields) AS f" + (o.contains("fuser") ? " WHERE f.key = 'user_id'" : "")
                        + "; END");
            }
            if (o.contains("xuser")) {
                s.execute("CREATE INDEX logs_field_user_id ON logs (CAST(json_extract(fields, '$.\"user_id\"') AS TEXT), ts)");
            }
            String sideTable = o.stream().filter(x -> x.matches("j[fh](all|user)")).findFirst().orElse(null);
            boolean hashed = sideTable != null && sideTable.startsWith("jh");
            boolean allFields = sideTable != null && sideTable.endsWith("all");
            if (sideTable != null) {
                s.execute("CREATE TABLE log_fields (kv " + (hashed ? "INTEGER" : "TEXT") + " NOT NULL, ts INTEGER NOT NULL,"
                        + " id INTEGER NOT NULL, PRIMARY KEY (kv, ts, id)) WITHOUT ROWID");
            }
            StringBuilder sql = new StringBuilder("INSERT INTO logs (id, event_id, ts, level, logger, thread, thread_id,"
                    + " message, exception, fields, context, correlation_id, service, host, pid) VALUES ");
            for (int i = 0; i < multi; i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            sql.append(" ON CONFLICT (event_id) DO NOTHING");
            long began = System.nanoTime();
            long cpuBegan = CPU.getCurrentThreadCpuTime();
            try (PreparedStatement insert = c.prepareStatement(sql.toString());
                 PreparedStatement field = c.prepareStatement(sideTable == null ? "SELECT 1"
                         : "INSERT INTO log_fields (kv, ts, id) VALUES (?, ?, ?)")) {
                long high = EventId.high(System.currentTimeMillis());
                char[] text = new char[EventId.TEXT_LENGTH];
                for (long i = 0; i < rows; i += batch) {
                    s.execute("BEGIN IMMEDIATE");
                    long firstId;
                    try (ResultSet last = s.executeQuery("SELECT coalesce(max(id), 0) FROM logs")) {
                        last.next();
                        firstId = last.getLong(1) + 1;
                    }
                    long end = Math.min(rows, i + batch);
                    int inStatement = 0;
                    for (long r = i; r < end; r++) {
                        long low = EventId.low(r);
                        int p = inStatement * 15 + 1;
                        long id = firstId + r - i;
                        long ts = System.currentTimeMillis() * 1_000;
                        insert.setLong(p, id);
                        if (blob) {
                            insert.setBytes(p + 1, ByteBuffer.allocate(16).putLong(high).putLong(low).array());
                        } else {
                            EventId.encode(high, low, text, 0);
                            insert.setString(p + 1, new String(text));
                        }
                        insert.setLong(p + 2, ts);
                        insert.setInt(p + 3, 2);
                        insert.setString(p + 4, "bench.layer" + (r % 4));
                        insert.setString(p + 5, "bench-" + (r % 3));
                        insert.setLong(p + 6, r % 3);
                        insert.setString(p + 7, "request " + r + " handled");
                        insert.setNull(p + 8, Types.VARCHAR);
                        insert.setString(p + 9, "{\"user_id\":" + (r % 1000) + ",\"seq\":" + r + "}");
                        insert.setNull(p + 10, Types.VARCHAR);
                        insert.setNull(p + 11, Types.VARCHAR);
                        insert.setString(p + 12, "spool-bench");
                        insert.setString(p + 13, "bench-host.example.internal");
                        insert.setLong(p + 14, 4242);
                        if (sideTable != null) {
                            addField(field, hashed, "user_id=" + (r % 1000), ts, id);
                            if (allFields) {
                                addField(field, hashed, "seq=" + r, ts, id);
                            }
                        }
                        if (++inStatement == multi) {
                            insert.addBatch();
                            inStatement = 0;
                        }
                    }
                    insert.executeBatch();
                    if (sideTable != null) {
                        field.executeBatch();
                    }
                    if (inStatement > 0) {
                        throw new IllegalArgumentException("rows per transaction must divide by " + multi);
                    }
                    s.execute("COMMIT");
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuBegan) / 1e9;
            cpuRates.computeIfAbsent(variant, k -> new ArrayList<>()).add(rows / cpuSeconds);
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM logs")) {
                r.next();
                if (r.getLong(1) != rows) {
                    throw new IllegalStateException(variant + ": " + r.getLong(1) + " rows stored of " + rows);
                }
            }
            return rows / seconds;
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
            }
        }
    }
}
