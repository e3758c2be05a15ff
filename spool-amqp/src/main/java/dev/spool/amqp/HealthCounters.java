package dev.spool.amqp;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The publisher's and the sink's counters, written by their threads and read by status views. */
final class HealthCounters {

    final AtomicLong publishedEvents = new AtomicLong();
    final AtomicLong confirmedEvents = new AtomicLong();
    final AtomicLong resentEvents = new AtomicLong();
    final AtomicLong nackedMessages = new AtomicLong();
    final AtomicLong returnedMessages = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong refusedEvents = new AtomicLong();
    volatile AmqpHealth.State state = AmqpHealth.State.CONNECTING;
    volatile int outstanding;
    volatile double confirmedPerSecond;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private long rateSinceNanos = System.nanoTime();
    private long rateSinceConfirmed;

    void error(String message) {
        lastError = message;
        lastErrorAt = Instant.now();
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }

    /** Publisher thread: refreshes the rate once the window of at least two seconds has passed. */
    void updateRate() {
        long now = System.nanoTime();
        long elapsed = now - rateSinceNanos;
        if (elapsed >= 2_000_000_000L) {
            long confirmed = confirmedEvents.get();
            confirmedPerSecond = (confirmed - rateSinceConfirmed) * 1e9 / elapsed;
            rateSinceConfirmed = confirmed;
            rateSinceNanos = now;
        }
    }
}
