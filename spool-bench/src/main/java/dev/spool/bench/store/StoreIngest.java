package dev.spool.bench.store;

import dev.spool.postgres.PostgresStore;
import dev.spool.spi.LogEvent;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw store ingest rate into PostgreSQL: N log events written through {@code PostgresStore.writer} (the
 * consumer's writer) by W threads, each with its own writer, in batches of B events, into empty tables
 * of a fresh database, for each ingest path and set of optional indexes asked for. The time runs from the
 * first write to the last commit; every run then checks that the table holds exactly N rows. A first,
 * uncounted run warms the JIT; configurations alternate their order between rounds so none always runs on
 * a warmer server.
 *
 * <p>Besides rows/s it reports the CPU the server's backends spent per row (read from {@code /proc}, so
 * only when the server runs on this machine): on a shared machine that figure moves much less than the
 * wall-clock rate.
 *
 * <pre>
 *   --server postgresql://HOST:PORT   where to create the throwaway database (default 127.0.0.1:5432)
 *   --rows N                          events per run (default 500000)
 *   --rounds N                        runs per configuration; the median is reported (default 3)
 *   --paths copy,stage,insert         ingest paths (default copy,insert)
 *   --indexes level/none/all          optional index sets, separated by '/' (default level)
 *   --batches 1000,10000              events per write (default 10000)
 *   --writers 1,2                     parallel writers (default 1,2)
 *   --placement interleaved,ranges,days  where the writers' rows go (default interleaved): interleaved takes
 *                                     batches of consecutive events from one counter (as consumer workers
 *                                     share a queue); ranges gives each writer its own contiguous time range
 *                                     in the same day; days puts each writer's range in its own day partition
 *   --drop-indexes logs_ts_seq        indexes dropped after the schema is made (measuring what one costs;
 *                                     queries need them, so this is a benchmark knob only)
 * </pre>
 */
public final class StoreIngest {

    private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");

    private StoreIngest() {
    }

    /** One configuration and its runs. */
    private record Config(String path, String indexes, int batch, int writers, String placement) {
        String label() {
            return String.format(Locale.ROOT, "%-6s indexes=%-14s batch %6d  writers %d  %s", path, indexes, batch,
                    writers, placement);
        }
    }

    private static final List<String> PLACEMENTS = List.of("interleaved", "ranges", "days");
    private static final long DAY_MICROS = 86_400_000_000L;

    private record Run(double rowsPerSecond, double serverMicrosPerRow, double clientMicrosPerRow) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String server = options.getOrDefault("--server", "postgresql://127.0.0.1:5432");
        int rows = Integer.parseInt(options.getOrDefault("--rows", "500000"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
        List<Config> configs = new ArrayList<>();
        for (String path : options.getOrDefault("--paths", "copy,insert").split(",")) {
            for (String indexes : options.getOrDefault("--indexes", "level").split("/")) {
                for (String batch : options.getOrDefault("--batches", "10000").split(",")) {
                    for (String writers : options.getOrDefault("--writers", "1,2").split(",")) {
                        for (String placement : options.getOrDefault("--placement", "interleaved").split(",")) {
                            if (!PLACEMENTS.contains(placement)) {
                                throw new IllegalArgumentException("bad --placement '" + placement + "': expected "
                                        + PLACEMENTS);
                            }
                            configs.add(new Config(path, indexes, Integer.parseInt(batch), Integer.parseInt(writers),
                                    placement));
                        }
                    }
                }
            }
        }
 List<String> drop = options.containsKey("--drop-indexes")
                ? List.of(options.get("--drop-indexes").split(",")) : List.of();
        String database = "spool_bench_" + Long.toUnsignedString(new Random().nextLong(), 36);
        admin(server, "CREATE DATABASE " + database);
        String url = server + "/" + database;
        System.out.printf(Locale.ROOT, "store-ingest %s: %,d rows per run, %d rounds, %s, %d cores, load %.2f%n",
                Instant.now(), rows, rounds, url, Runtime.getRuntime().availableProcessors(), load());
        Map<Config, List<Run>> results = new LinkedHashMap<>();
        try {
            run(url, configs.get(0), Math.min(rows, 100_000), drop); // warms the JIT and the server's caches; not counted
            for (int round = 1; round <= rounds; round++) {
                List<Config> order = new ArrayList<>(configs);
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Config config : order) {
                    Run run = run(url, config, rows, drop);
                    results.computeIfAbsent(config, k -> new ArrayList<>()).add(run);
                    System.out.printf(Locale.ROOT, "round %d  %s  %,10.0f rows/s  server %5.2f us/row  client %5.2f us/row"
                            + "  (load %.2f)%n", round, config.label(), run.rowsPerSecond(), run.serverMicrosPerRow(),
                            run.clientMicrosPerRow(), load());
                }
            }
        } finally {
            admin(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        System.out.println();
        System.out.println("| path | indexes | batch | writers | placement | rows/s (median) | runs | server µs/row | client µs/row |");
        System.out.println("| --- | --- | ---: | ---: | --- | ---: | --- | ---: | ---: |");
        results.forEach((config, runs) -> System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %s | %,.0f | %s | %.2f | %.2f |%n",
                config.path(), config.indexes(), config.batch(), config.writers(), config.placement(),
                median(runs.stream().map(Run::rowsPerSecond).toList()),
                String.join(" / ", runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond())).toList()),
                median(runs.stream().map(Run::serverMicrosPerRow).toList()),
                median(runs.stream().map(Run::clientMicrosPerRow).toList())));
    }

    private static Run run(String url, Config config, int rows, List<String> drop) throws Exception {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS logs, metrics, ledgers, relay_ledgers, schema_version");
        }
        String writerUrl = url + "?ingest=" + config.path() + "&indexes=" + config.indexes();
        List<StoreWriter> writers = new ArrayList<>();
        Run run;
        try {
            for (int i = 0; i < config.writers(); i++) {
                writers.add(PostgresStore.writer(writerUrl)); // the first one makes the schema
            }
            try (Connection c = connect(url); Statement s = c.createStatement()) {
                for (String index : drop) {
                    s.execute("DROP INDEX " + index);
                }
                s.execute("CHECKPOINT"); // every run starts with the same WAL state
            }
            List<Long> pids = backends(url);
            run = timed(writers, config, rows, pids);
        } finally {
            writers.forEach(StoreWriter::close);
        }
        long stored = count(url); // only after a run that did not fail, so that its failure is what is reported
        if (stored != rows) {
            throw new IllegalStateException(config.label() + ": " + stored + " rows stored, expected " + rows);
        }
        return run;
    }

    private static Run timed(List<StoreWriter> writers, Config config, int rows, List<Long> pids) throws Exception {
        long startMicros = System.currentTimeMillis() * 1_000;
        AtomicLong shared = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        double server0 = cpuSeconds(pids);
        long client0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long start = System.nanoTime();
        for (StoreWriter writer : writers) {
            int w = threads.size();
            long share = rows / writers.size();
            boolean interleaved = config.placement().equals("interleaved");
            // interleaved: one counter over every event; otherwise writer w owns events [w * share, (w + 1) * share)
            AtomicLong next = interleaved ? shared : new AtomicLong(w * share);
            long end = interleaved ? rows : w == writers.size() - 1 ? rows : (w + 1) * share;
            long offset = config.placement().equals("days") ? w * DAY_MICROS : 0;
            Thread t = new Thread(() -> {
                try {
                    write(writer, config.batch(), end, next, startMicros + offset);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "store-ingest-" + threads.size());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        double server = cpuSeconds(pids) - server0;
        long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() - client0;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a writer failed", failures.get(0));
        }
        return new Run(rows / (elapsed / 1e9), server * 1e6 / rows, client / 1e3 / rows);
    }

    /** Takes batches of event numbers below {@code rows} until there are none; event n is at {@code start + 10n} µs. */
    private static void write(StoreWriter writer, int batch, long rows, AtomicLong next, long startMicros) {
        List<IngestEvent> events = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            events.add(new IngestEvent());
        }
        while (true) {
            long first = next.getAndAdd(batch);
            if (first >= rows) {
                return;
            }
            int n = (int) Math.min(batch, rows - first);
            for (int i = 0; i < n; i++) {
                events.get(i).set(first + i, startMicros + (first + i) * 10);
            }
            List<? extends LogEvent> slice = events.subList(0, n);
            WriteResult result = writer.write(slice);
            if (result.stored() != n) {
                throw new IllegalStateException("batch at " + first + ": " + result);
            }
        }
    }

    private static List<Long> backends(String url) throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND application_name = 'spool-writer'"
                     + " AND pid <> pg_backend_pid()")) {
            while (r.next()) {
                pids.add(r.getLong(1));
            }
        }
        return pids;
    }

    /** CPU seconds the processes used (utime + stime at 100 ticks/s), NaN when /proc does not show them. */
    private static double cpuSeconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return total;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long count(String url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM logs")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection("jdbc:" + url, USER, System.getenv().getOrDefault("PGPASSWORD", ""));
    }

    private static void admin(String server, String sql) throws SQLException {
        try (Connection c = connect(server + "/postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, String> parse(String[] args) {
        List<String> known = Arrays.asList("--server", "--rows", "--rounds", "--paths", "--indexes", "--batches",
                "--writers", "--placement", "--drop-indexes");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + args[i] + "': expected one of " + known
                        + ", each followed by a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
