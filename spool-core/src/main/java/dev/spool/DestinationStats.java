package dev.spool;

/**
 * Counters of one destination.
 *
 * @param written   events the destination accepted
 * @param failed    events the destination refused (its write threw): not written there
 * @param errors    failures of writes and flushes, including retries
 * @param backlog   whether it holds data it could not deliver yet and is retrying
 * @param lastError the last failure, or null
 * @param health    what the destination reports of itself ({@link dev.spool.spi.Sink#health()}), such as
 *                  a broker connection's state; empty for most destinations
 */
public record DestinationStats(String name, String type, long written, long failed, long errors,
                               boolean backlog, String lastError, java.util.Map<String, Object> health) {

    /** Copies the health map. */
    public DestinationStats {
        health = health == null ? java.util.Map.of() : java.util.Map.copyOf(health);
    }
}
