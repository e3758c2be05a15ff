package dev.spool.consumer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The counters every worker adds to and {@link Consumer#stats()} reads. Thread-safe. */
final class Counters {

    final LongAdder eventsStored = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder messages = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder redeliveries = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    /** Messages (or refused events) sent to a delay queue to be written again later. */
    final LongAdder delayed = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger failingWrites = new AtomicInteger();
    private final Map<DeadReason, LongAdder> dead = new EnumMap<>(DeadReason.class);
    private final AtomicReference<Failure> lastError = new AtomicReference<>();
    /** Why the consumer cannot work at all (a queue declared with other arguments), or null. */
    final AtomicReference<String> fatal = new AtomicReference<>();

    private record Failure(String message, Instant at) {
    }

    Counters() {
        for (DeadReason r : DeadReason.values()) {
            dead.put(r, new LongAdder());
        }
    }

    void deadLettered(DeadReason reason) {
        dead.get(reason).increment();
    }

    void error(String message) {
        lastError.set(new Failure(message, Instant.now()));
    }

    /** Every dead letter so far, all reasons together. */
    long deadLetteredTotal() {
        long n = 0;
        for (LongAdder a : dead.values()) {
            n += a.sum();
        }
        return n;
    }

    long committedEvents() {
        return eventsStored.sum() + duplicates.sum();
    }

    ConsumerStats snapshot(int workers, double eventsPerSecond, long queueDepth) {
        Map<String, Long> deadLettered = new TreeMap<>();
        dead.forEach((reason, n) -> deadLettered.put(reason.header(), n.sum()));
        Failure f = lastError.get();
        int up = connected.get();
        return new ConsumerStats(eventsStored.sum(), duplicates.sum(), batches.sum(), messages.sum(), retries.sum(),
                deadLettered, redeliveries.sum(), reconnects.sum(), eventsPerSecond, queueDepth, workers, up,
                f == null ? null : f.message(), f == null ? null : f.at(),
                up == workers && failingWrites.get() == 0, delayed.sum());
    }
}
