package dev.spool;

/**
 * Counters of one destination.
 *
 * @param written   events the destination delivered: accepted and not {@code held}
 * @param failed    events the destination refused (its write threw): not written there
 * @param errors    failures of writes and flushes, including retries
 * @param backlog   whether it holds data it could not deliver yet and is retrying
 * @param lastError the last failure, or null
 * @param health    what the destination reports of itself ({@link dev.spool.spi.Sink#health()}), such as
 *                  a broker connection's state; empty for most destinations
 * @param held      events the destination accepted and holds, not yet delivered ({@link dev.spool.spi.Sink#heldEvents()}):
 *                  a {@code forward} destination's events the collector has not acknowledged. At shutdown
 *                  they are what was left in the spill queue for a later process
 */
public record DestinationStats(String name, String type, long written, long failed, long errors,
                               boolean backlog, String lastError, java.util.Map<String, Object> health, long held) {

    /** Copies the health map. */
    public DestinationStats {
        health = health == null ? java.util.Map.of() : java.util.Map.copyOf(health);
    }

    /** Stats of a destination that holds nothing back. */
    public DestinationStats(String name, String type, long written, long failed, long errors,
                            boolean backlog, String lastError, java.util.Map<String, Object> health) {
        this(name, type, written, failed, errors, backlog, lastError, health, 0);
    }
}
