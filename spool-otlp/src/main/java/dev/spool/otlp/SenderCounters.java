package dev.spool.otlp;

import java.util.concurrent.atomic.AtomicLong;

/** The sender's and the sink's counters, written by their threads and read by status views. */
final class SenderCounters {

    final AtomicLong requests = new AtomicLong();
    final AtomicLong deliveredEvents = new AtomicLong();
    final AtomicLong rejectedEvents = new AtomicLong();
    final AtomicLong rejectedBatches = new AtomicLong();
    final AtomicLong partialSuccesses = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong resentEvents = new AtomicLong();
    final AtomicLong refusedEvents = new AtomicLong();
    volatile OtlpHealth.State state = OtlpHealth.State.CONNECTING;
    volatile String lastError;
}
