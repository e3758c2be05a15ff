package dev.spool;

/**
 * Counters of one destination.
 *
 * @param written   events the destination accepted
 * @param failed    events the destination refused (its write threw): not written there
 * @param errors    failures of writes and flushes, including retries
 * @param backlog   whether it holds data it could not deliver yet and is retrying
 * @param lastError the last failure, or null
 */
public record DestinationStats(String name, String type, long written, long failed, long errors,
                               boolean backlog, String lastError) {
}
