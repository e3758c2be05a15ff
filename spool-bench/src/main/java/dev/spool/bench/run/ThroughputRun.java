package dev.spool.bench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * End to end: {@code threads} producers each log {@code perThread} events as fast as they can; the clock
 * starts when they are released together and stops when the backend's shutdown returns, that is when
 * every event has been written to the file and the file closed.
 */
final class ThroughputRun {

    private final LogTarget target;
    private final int threads;
    private final int perThread;

    ThroughputRun(LogTarget target, int threads, int perThread) {
        this.target = target;
        this.threads = threads;
        this.perThread = perThread;
    }

    /** Runs once and returns {@code producerNanos} and {@code endToEndNanos}. */
    Map<String, String> run() throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] doneNanos = new long[threads];
        Thread[] producers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            producers[t] = new Thread(() -> produce(id, ready, go, doneNanos), "bench-producer-" + t);
            producers[t].start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        long producersDone = joinAll(producers, doneNanos);
        Map<String, String> counters = target.stop();
        long written = System.nanoTime();
        Map<String, String> result = new LinkedHashMap<>();
        counters.forEach((k, v) -> result.put("stop." + k, v));
        result.put("producerNanos", Long.toString(producersDone - start));
        result.put("endToEndNanos", Long.toString(written - start));
        return result;
    }

    private void produce(int id, CountDownLatch ready, CountDownLatch go, long[] doneNanos) {
        ready.countDown();
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = 0; i < perThread; i++) {
            target.log(id, i);
        }
        doneNanos[id] = System.nanoTime();
    }

    /** Waits for every producer; join makes their {@code doneNanos} entries visible. */
    private static long joinAll(Thread[] producers, long[] doneNanos) throws InterruptedException {
        long last = 0;
        for (int t = 0; t < producers.length; t++) {
            producers[t].join();
            last = t == 0 ? doneNanos[t] : Math.max(last, doneNanos[t]);
        }
        return last;
    }
}
