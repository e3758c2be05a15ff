package dev.spool.store;

import java.util.List;

/**
 * What one {@link StoreWriter#write} committed.
 *
 * @param stored     events stored by this write
 * @param duplicates events skipped because their id was stored already (a redelivery)
 * @param refused    events the store refused for their content, in batch order
 */
public record WriteResult(int stored, int duplicates, List<Refused> refused) {

    public WriteResult {
        refused = List.copyOf(refused);
    }

    /**
     * One event left out.
     *
     * @param index  its position in the batch given to {@link StoreWriter#write}
     * @param reason what the store said, for a dead-letter header or a report
     */
    public record Refused(int index, String reason) {
    }
}
