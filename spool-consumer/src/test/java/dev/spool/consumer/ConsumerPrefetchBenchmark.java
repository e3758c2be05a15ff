package dev.spool.consumer;

import dev.spool.testkit.postgres.ScratchDatabase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Ingest rate of one consumer from a pre-filled queue into the real PostgreSQL, by prefetch and by
 * message size (1000-event messages: a producer under load; 10-event messages: a trickle of small
 * batches). Not a test: run by hand (docs/consumer.md has the command). Prints the median of the runs.
 *
 * <p>Arguments: events per run, runs, workers, then the prefetch values to compare.
 */
public final class ConsumerPrefetchBenchmark {

    private ConsumerPrefetchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        System.out.println("events=" + events + " runs=" + runs + " workers=" + workers);
        for (int perMessage : new int[] {1000, 10}) {
            for (int i = 3; i < args.length; i++) {
                int prefetch = Integer.parseInt(args[i]);
                List<Double> rates = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    rates.add(run(events, perMessage, prefetch, workers));
                }
                Collections.sort(rates);
                System.out.printf(Locale.ROOT, "events/message %5d  prefetch %4d  median %,10.0f ev/s  runs %s%n",
                        perMessage, prefetch, rates.get(rates.size() / 2), rates);
            }
        }
    }

    private static double run(int events, int perMessage, int prefetch, int workers) throws Exception {
        try (ScratchDatabase database = ScratchDatabase.create(); TestQueue queue = new TestQueue()) {
            String store = database.url();
            for (int m = 0; m < events / perMessage; m++) {
                queue.publishUnconfirmed(Lines.body(0, (long) m * perMessage, (long) (m + 1) * perMessage), perMessage, "m" + m);
            }
            queue.confirmAll();
            PostgresStoreWarmup.createSchema(store);
            long start = System.nanoTime();
            try (Consumer c = Consumer.start(queue.settings(store).workers(workers).prefetch(prefetch).build())) {
                while (c.stats().eventsStored() < events) {
                    LockSupport.parkNanos(1_000_000L);
                }
            }
            return events * 1e9 / (System.nanoTime() - start);
        }
    }

    /** Opens a writer once so that the schema exists before the clock starts. */
    private static final class PostgresStoreWarmup {
        static void createSchema(String store) {
            dev.spool.postgres.PostgresStore.writer(store).close();
        }
    }
}
