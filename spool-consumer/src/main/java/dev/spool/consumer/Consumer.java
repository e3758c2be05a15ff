package dev.spool.consumer;

import dev.spool.spi.support.Diagnostics;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running ingest consumer: {@code workers} threads taking batches from one RabbitMQ queue and committing
 * them to one store, each acknowledging a message only once its events are committed (or it is
 * dead-lettered). Several consumers, in one process or many, may share a queue: the store de-duplicates
 * by event id what a redelivery brings twice.
 *
 * <p>Thread-safe. {@link #start} returns at once; workers connect (and reconnect) to the broker in the
 * background with backoff, so a broker that is down delays ingestion without failing the start.
 */
public final class Consumer implements AutoCloseable {

    private final ConsumerSettings settings;
    private final Counters counters;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final StatusReporter status;
    private final RelayLedgers ledgers;
    private boolean closed;

    private Consumer(ConsumerSettings settings) {
        this.settings = settings;
        this.counters = new Counters();
        this.status = new StatusReporter(settings, counters, this::stats);
        this.ledgers = new RelayLedgers(settings, counters);
    }

    /**
     * Opens one store writer per worker and starts the workers.
     *
     * @throws StoreException when the store cannot be opened and will not open later by waiting (a bad
     *                        URL, a file that is not a database); a store that is only down is retried
     */
    public static Consumer start(ConsumerSettings settings) {
        Consumer consumer = new Consumer(settings);
        List<StoreWriter> writers = new ArrayList<>();
        try {
            for (int i = 0; i < settings.workers(); i++) {
                writers.add(openFirstWriter(settings, consumer.counters));
            }
        } catch (RuntimeException e) {
            writers.forEach(w -> {
                if (w != null) {
                    w.close();
                }
            });
            throw e;
        }
        for (int i = 0; i < settings.workers(); i++) {
            String name = "worker-" + (i + 1);
            Worker worker = new Worker(name, settings, writers.get(i), consumer.counters, consumer.ledgers);
            Thread thread = new Thread(worker, "spool-consumer-" + (i + 1));
            thread.setDaemon(true);
            consumer.workers.add(worker);
            consumer.threads.add(thread);
        }
        consumer.threads.forEach(Thread::start);
        consumer.status.start();
        return consumer;
    }

    private static StoreWriter openFirstWriter(ConsumerSettings settings, Counters counters) {
        try {
            return settings.openWriter();
        } catch (StoreException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            counters.error("cannot open " + ConsumerSettings.redact(settings.store()) + " yet: " + e.getMessage());
            return null; // the worker opens it once the store is back
        }
    }

    /** The settings it runs with. */
    public ConsumerSettings settings() {
        return settings;
    }

    /** A snapshot of the counters; cheap, never blocks on the broker (the queue depth is sampled each second). */
    /**
     * Why the consumer stopped consuming for good, or null while it works (or retries what may still
     * recover): a queue or exchange on the broker declared with other arguments than the settings say
     * (PRECONDITION_FAILED). The message names what differs and how to consume it ({@code declare(false)}).
     */
    public String fatalError() {
        return counters.fatal.get();
    }

    public ConsumerStats stats() {
        return counters.snapshot(settings.workers(), status.eventsPerSecond(),
                status.queueDepth());
    }

    /**
     * Stops consuming, commits and acknowledges what the workers hold, and closes the connections and
     * writers. Waits up to {@code closeTimeout} for a store that fails meanwhile; what is not committed by
     * then stays unacknowledged and the broker redelivers it to the next consumer. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        workers.forEach(w -> w.stop(deadline));
        boolean interrupted = false;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())) + 10_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (t.isAlive()) {
                Diagnostics.warn("consumer.close", "consumer: " + t.getName() + " did not stop in time", null);
            }
        }
        ledgers.writeFinal(settings); // after the workers: it counts everything they committed
        status.close(stats());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
