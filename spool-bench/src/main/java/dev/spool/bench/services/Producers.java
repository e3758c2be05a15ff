package dev.spool.bench.services;

import dev.spool.Logger;
import dev.spool.Spool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Producer threads logging through Spool's own API, released together: each logs its share with
 * {@link Arrivals#PATTERN}, so every stored event says which producer logged it and its sequence number.
 */
final class Producers {

    /** The logger prefix every producer logs under: routes take only these, not a library's own logging. */
    static final String LOGGERS = "bench.services";

    private Producers() {
    }

    /**
     * Logs {@code perThread} events from each of {@code threads} threads (producers {@code first},
     * {@code first + 1}, ...) and returns the {@link System#nanoTime} at which they were released, once
     * every producer has returned from its last call.
     */
    static long log(int threads, int first, long perThread) throws InterruptedException {
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
                for (long i = 0; i < perThread; i++) {
                    log.info(Arrivals.PATTERN, producer, i);
                }
            }, "producer-" + producer);
            thread.start();
            producers.add(thread);
        }
        long release = System.nanoTime();
        go.countDown();
        for (Thread thread : producers) {
            thread.join();
        }
        return release;
    }
}
