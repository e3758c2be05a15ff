package dev.spool.cli.demo;

import dev.spool.Context;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One phase of the demo: {@code threads} threads released together, each logging
 * {@code eventsPerThread} events at mixed levels with structured fields and its own correlation id,
 * then a flush. Every event's message carries (worker, seq, phase, run) for {@link LogFileCheck}.
 */
final class Workload {

    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(100);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(2);

    private final String phase;
    private final String loggerName;
    private final int threads;
    private final int eventsPerThread;
    private final String runId;

    /** What a phase does: {@code threads} threads log {@code eventsPerThread} events each to {@code loggerName}. */
    record Plan(String phase, String loggerName, int threads, int eventsPerThread) {
        long events() {
            return (long) threads * eventsPerThread;
        }
    }

    Workload(Plan plan, String runId) {
        this.phase = plan.phase();
        this.loggerName = plan.loggerName();
        this.threads = plan.threads();
        this.eventsPerThread = plan.eventsPerThread();
        this.runId = runId;
    }

    /** The level of a worker's {@code seq}-th event: mostly INFO, some DEBUG, WARN and ERROR. */
    static Level levelOf(int seq) {
        switch (seq % 10) {
            case 0: return Level.ERROR;
            case 1: case 2: return Level.WARN;
            case 3: case 4: return Level.DEBUG;
            default: return Level.INFO;
        }
    }

    /**
     * Runs the phase and waits until every event is written.
     *
     * @throws IllegalStateException if a worker failed or the flush did not finish in time
     */
    PhaseResult run(Progress progress) throws InterruptedException {
        Crew crew = new Crew();
        Logger log = Spool.logger(loggerName);
        for (int i = 0; i < threads; i++) {
            crew.start(i, log);
        }
        crew.ready.await();
        long began = System.nanoTime();
        crew.go.countDown();
        while (!crew.finished.await(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
            progress.update(crew.logged.sum());
        }
        Throwable failure = crew.failure.get();
        if (failure != null) {
            throw new IllegalStateException(phase + " worker failed: " + failure, failure);
        }
        if (!Spool.flush(FLUSH_TIMEOUT)) {
            throw new IllegalStateException("events of phase " + phase + " still not written after " + FLUSH_TIMEOUT);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        progress.finish(crew.logged.sum());
        return new PhaseResult(phase, threads, eventsPerThread, elapsed, sum(crew.counts));
    }

    private void produce(int index, Logger log, long[] perLevel, LongAdder logged) {
        // try/finally rather than try-with-resources: the scope is used only for its close().
        Context.Scope correlation = Spool.correlationId(runId + "-" + phase + "-" + index);
        try {
            for (int seq = 0; seq < eventsPerThread; seq++) {
                Level level = levelOf(seq);
                log.at(level).kv("phase", phase).kv("thread_index", index).kv("seq", seq)
                        .log(LogFileCheck.MESSAGE, index, seq, phase, runId);
                perLevel[level.ordinal()]++;
                logged.increment();
            }
        } finally {
            correlation.close();
        }
    }

    /** The phase's threads and what they share: a start line, a finish line, counters, the first failure. */
    private final class Crew {
        final CountDownLatch ready = new CountDownLatch(threads);
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(threads);
        final LongAdder logged = new LongAdder();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<long[]> counts = new ArrayList<>();

        void start(int index, Logger log) {
            long[] perLevel = new long[Level.values().length];
            counts.add(perLevel);
            Thread t = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    produce(index, log, perLevel, logged);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, e);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }, phase + "-worker-" + index);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Sums the workers' counts; reading them after {@code finished} reached zero makes them visible. */
    private static Map<Level, Long> sum(List<long[]> counts) {
        Map<Level, Long> total = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            long n = 0;
            for (long[] perLevel : counts) {
                n += perLevel[level.ordinal()];
            }
            if (n > 0) {
                total.put(level, n);
            }
        }
        return total;
    }
}
