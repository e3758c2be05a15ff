package dev.spool.consumer;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of a {@link Consumer}'s counters since it started. Events are counted once committed:
 * {@code eventsStored} new rows, {@code duplicates} events the store held already (redeliveries).
 *
 * @param eventsStored       events committed as new rows
 * @param duplicates         events skipped by the store because their id was stored already
 * @param batches            batches committed and acknowledged
 * @param messages           messages acknowledged (stored or dead-lettered)
 * @param retries            failed batch writes that were retried (store restarting, non-retryable errors isolated)
 * @param deadLettered       messages and events sent to the dead-letter queue, by {@link DeadReason#header()}
 * @param redeliveries       messages received again (flagged redelivered by the broker)
 * @param reconnects         broker connections opened after the first, over all workers
 * @param eventsPerSecond    events committed (stored or duplicate) per second over the last second
 * @param queueDepth         messages ready in the queue (the lag), or -1 when unknown
 * @param workers            worker threads
 * @param workersConnected   workers with a consuming channel now
 * @param lastError          the last failure, or null
 * @param lastErrorAt        when it happened, or null
 * @param healthy            every worker connected and none retrying a store failure now
 * @param delayed            messages and refused events sent to a delay queue to be written again later
 */
public record ConsumerStats(long eventsStored, long duplicates, long batches, long messages, long retries,
                            Map<String, Long> deadLettered, long redeliveries, long reconnects,
                            double eventsPerSecond, long queueDepth, int workers, int workersConnected,
                            String lastError, Instant lastErrorAt, boolean healthy, long delayed) {

    public ConsumerStats {
        deadLettered = Map.copyOf(deadLettered);
    }

    /** Every dead letter, all reasons together. */
    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }
}
