package dev.spool.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end: {@code threads} producers each log {@code perThread} events as fast as they can; the clock
 * starts when they are released together and stops when the backend's shutdown returns, that is when
 * every event has been written to the file and the file closed.
 */
final class ThroughputRun {

    private final LogTarget target;
    private final int threads;
    private final int perThread;
    private final int firstProducer;

    /** @param firstProducer the id of the first producer: processes sharing one file number theirs apart */
    ThroughputRun(LogTarget target, int threads, int perThread, int firstProducer) {
        this.target = target;
        this.threads = threads;
        this.perThread = perThread;
        this.firstProducer = firstProducer;
    }

    /**
     * Runs once and returns {@code producerNanos} and {@code endToEndNanos}, and the run's CPU time by who
     * spent it ({@code cpu.*}, see {@link ThreadCpu}).
     */
    Map<String, String> run() throws Exception {
        return runWhen(null, null);
    }

    /**
     * As {@link #run()}, but once the producers are ready it creates {@code ready} and releases them only
     * when {@code go} exists, so several processes start together. Also returns {@code startNanos} and
     * {@code endNanos} from {@link System#nanoTime()}, which on Linux is CLOCK_MONOTONIC, one clock for
     * every process on the machine.
     */
    Map<String, String> runWhen(Path readyFile, Path go) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        long[] doneNanos = new long[threads];
        long[] cpuNanos = new long[threads];
        Thread[] producers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            producers[t] = new Thread(() -> produce(id, ready, release, doneNanos, cpuNanos), "bench-producer-" + (firstProducer + t));
            producers[t].start();
        }
        ready.await();
        if (go != null) {
            Files.createFile(readyFile);
            while (!Files.exists(go)) {
                LockSupport.parkNanos(100_000); // the start barrier between processes: a file the driver creates
            }
        }
        ThreadCpu cpu = ThreadCpu.begin();
        long start = System.nanoTime();
        release.countDown();
        long producersDone = joinAll(producers, doneNanos);
        cpu.producersDone();
        Map<String, String> counters = target.stop();
        long written = System.nanoTime();
        Map<String, String> result = new LinkedHashMap<>();
        counters.forEach((k, v) -> result.put("stop." + k, v));
        result.put("producerNanos", Long.toString(producersDone - start));
        result.put("endToEndNanos", Long.toString(written - start));
        result.put("startNanos", Long.toString(start));
        result.put("endNanos", Long.toString(written));
        result.putAll(cpu.end(sum(cpuNanos)));
        return result;
    }

    private void produce(int id, CountDownLatch ready, CountDownLatch go, long[] doneNanos, long[] cpuNanos) {
        ready.countDown();
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long cpuStart = ThreadCpu.currentThreadNanos();
        for (int i = 0; i < perThread; i++) {
            target.log(firstProducer + id, i);
        }
        doneNanos[id] = System.nanoTime();
        cpuNanos[id] = ThreadCpu.currentThreadNanos() - cpuStart;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    /** Waits for every producer; join makes their {@code doneNanos} and {@code cpuNanos} entries visible. */
    private static long joinAll(Thread[] producers, long[] doneNanos) throws InterruptedException {
        long last = 0;
        for (int t = 0; t < producers.length; t++) {
            producers[t].join();
            last = t == 0 ? doneNanos[t] : Math.max(last, doneNanos[t]);
        }
        return last;
    }
}
