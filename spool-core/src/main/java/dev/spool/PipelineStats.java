package dev.spool;

import java.util.List;
import java.util.Map;

/**
 * A consistent snapshot of a pipeline's counters: {@code accepted == written + dropped() + pending}
 * holds exactly in every snapshot.
 *
 * @param accepted       events that passed the level check and reached the pipeline
 * @param written        events the writer handed to all their destinations (see {@link DestinationStats}
 *                       for what each destination did with them)
 * @param dropped        events not written, by {@link DropReason#label()}
 * @param pending        events in the queue
 * @param queueCapacity  slots in the queue
 * @param maxQueueDepth  the deepest the queue has been
 * @param batches        batches written (each ends with one flush of the destinations it touched)
 */
public record PipelineStats(String pipeline, long accepted, long written, Map<String, Long> dropped, long pending,
                            int queueCapacity, long maxQueueDepth, long batches,
                            List<DestinationStats> destinations) {

    /** Total dropped over all reasons. */
    public long droppedTotal() {
        long sum = 0;
        for (long n : dropped.values()) {
            sum += n;
        }
        return sum;
    }

    /** Dropped for one reason. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason.label(), 0L);
    }

    /** Events in the queue now (same as {@link #pending()}). */
    public long queueDepth() {
        return pending;
    }

    /** Sum of the destinations' errors. */
    public long destinationErrors() {
        long sum = 0;
        for (DestinationStats d : destinations) {
            sum += d.errors();
        }
        return sum;
    }

    /** Sum of the events destinations refused. */
    public long destinationFailed() {
        long sum = 0;
        for (DestinationStats d : destinations) {
            sum += d.failed();
        }
        return sum;
    }
}
