package dev.spool.bench.services;

import dev.spool.Logger;
import dev.spool.Spool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Producer threads logging through Spool's own API, released together: each logs its share with
 * {@link Arrivals#PATTERN}, so every stored event says which producer logged it and its sequence number.
 */
final class Producers {

    /** The logger prefix every producer logs under: routes take only these, not a library's own logging. */
    static final String LOGGERS = "bench.services";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Producers() {
    }

    /**
     * A finished round of logging.
     *
     * @param releaseNanos the {@link System#nanoTime} at which the producers were released
     * @param cpuNanos     the CPU time the producer threads used, together
     */
    record Logged(long releaseNanos, long cpuNanos) {
    }

    /**
     * Logs {@code perThread} events from each of {@code threads} threads (producers {@code first},
     * {@code first + 1}, ...) and returns once every producer has returned from its last call.
     */
    static Logged log(int threads, int first, long perThread) throws InterruptedException {
        AtomicLong cpu = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int producer = first + t;
            Logger log = Spool.logger(LOGGERS + ".p" + producer);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long before = THREADS.getCurrentThreadCpuTime();
                for (long i = 0; i < perThread; i++) {
                    log.info(Arrivals.PATTERN, producer, i);
                }
                cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - before);
            }, "producer-" + producer);
            thread.start();
            producers.add(thread);
        }
        long release = System.nanoTime();
        go.countDown();
        for (Thread thread : producers) {
            thread.join();
        }
        return new Logged(release, cpu.get());
    }
}
