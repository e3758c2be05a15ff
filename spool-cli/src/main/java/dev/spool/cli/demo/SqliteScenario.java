package dev.spool.cli.demo;

import dev.spool.Context;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded-store scenario of {@code spool demo}: {@code threads} threads log for {@code duration} at
 * mixed levels, with fields, a correlation id and a {@code request_duration} metric per event, into a
 * SQLite database through the {@code sqlite} destination. {@link SqliteSummary} then reads the database
 * back. Each thread paces itself to {@code ratePerThread} events a second (0: as fast as it can).
 */
final class SqliteScenario {

    static final String FILE = "spool.db";
    private static final String[] LAYERS = {"app.http", "app.db", "app.cache", "app.auth"};
    private static final String[] ROUTES = {"/api/orders", "/api/users", "/health", "/login"};
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(2);

    /** How the scenario runs. */
    record Plan(int threads, Duration duration, int ratePerThread) {
    }

    /** What the threads logged, counted by themselves. */
    record Logged(long logs, long metrics, long[] byLevel, Duration elapsed) {
    }

    private final Plan plan;
    private final Path db;

    /** A scenario writing into {@code db}, which must not exist yet (see {@link DemoFiles}). */
    SqliteScenario(Plan plan, Path db) {
        this.plan = plan;
        this.db = db;
    }

    Path db() {
        return db;
    }

    /** Makes the database's directory; the database itself is new (never an old one reused or deleted). */
    void prepare() throws IOException {
        Files.createDirectories(db.toAbsolutePath().getParent());
    }

    static SpoolConfig config(Path db) {
        return SpoolConfig.builder().name("demo-sqlite").service("spool-demo")
                .destination("store", "sqlite", Map.of("path", db.toString()))
                .route("root", "", Level.DEBUG, "store")
                .build();
    }

    /** Runs the threads for the planned time, then waits until everything is stored. */
    Logged run() throws InterruptedException {
        Crew crew = new Crew();
        for (int i = 0; i < plan.threads(); i++) {
            crew.start(i);
        }
        crew.ready.await();
        long began = System.nanoTime();
        crew.go.countDown();
        crew.finished.await();
        if (crew.failure.get() != null) {
            throw new IllegalStateException("sqlite scenario worker failed: " + crew.failure.get(), crew.failure.get());
        }
        if (!Spool.flush(FLUSH_TIMEOUT)) {
            throw new IllegalStateException("events still not stored after " + FLUSH_TIMEOUT);
        }
        long[] byLevel = new long[Level.values().length];
        for (int l = 0; l < byLevel.length; l++) {
            byLevel[l] = crew.byLevel[l].sum();
        }
        return new Logged(crew.logs.sum(), crew.logs.sum(), byLevel, Duration.ofNanos(System.nanoTime() - began));
    }

    /** Mostly INFO, some DEBUG and WARN, a few ERROR and FATAL. */
    static Level levelOf(int draw) {
        if (draw < 20) {
            return Level.DEBUG;
        }
        if (draw < 80) {
            return Level.INFO;
        }
        if (draw < 92) {
            return Level.WARN;
        }
        return draw < 99 ? Level.ERROR : Level.FATAL;
    }

    private void produce(int index, Crew crew) {
        Logger[] loggers = new Logger[LAYERS.length];
        for (int i = 0; i < LAYERS.length; i++) {
            loggers[i] = Spool.logger(LAYERS[i]);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long start = System.nanoTime();
        long end = start + plan.duration().toNanos();
        long periodNanos = plan.ratePerThread() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / plan.ratePerThread();
        for (long seq = 0; System.nanoTime() < end; seq++) {
            pace(start + seq * periodNanos);
            int layer = random.nextInt(LAYERS.length);
            String route = ROUTES[random.nextInt(ROUTES.length)];
            double durationMillis = Math.round(random.nextDouble(1, 50) * (random.nextInt(20) == 0 ? 20 : 1) * 10) / 10.0;
            Level level = levelOf(random.nextInt(100));
            try (Context.Scope ignored = Spool.correlationId("req-" + index + "-" + seq)) {
                loggers[layer].at(level).kv("user_id", random.nextInt(1, 500)).kv("route", route)
                        .kv("duration_ms", durationMillis).log("handled {} in {} ms", route, durationMillis);
                Spool.metric("request_duration", durationMillis, "ms", Map.of("route", route, "layer", LAYERS[layer]));
            }
            crew.byLevel[level.ordinal()].increment();
            crew.logs.increment();
        }
    }

    private static void pace(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait); // a steady rate, like a service handling requests
        }
    }

    /** The scenario's threads: a start line, a finish line, counters and the first failure. */
    private final class Crew {
        final CountDownLatch ready = new CountDownLatch(plan.threads());
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(plan.threads());
        final LongAdder logs = new LongAdder();
        final LongAdder[] byLevel = new LongAdder[Level.values().length];
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> threads = new ArrayList<>();

        Crew() {
            for (int i = 0; i < byLevel.length; i++) {
                byLevel[i] = new LongAdder();
            }
        }

        void start(int index) {
            Thread t = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    produce(index, this);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, e);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }, "sqlite-worker-" + index);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }
}
