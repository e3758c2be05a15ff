package dev.spool.otlp;

/**
 * A snapshot of one {@code otlp} destination's health, as the stats, JMX and {@code spool status} show it.
 *
 * @param destination        the destination's name
 * @param endpoint           the URL requests go to
 * @param state              the sender's state
 * @param lastError          the last failure (connection, status and reason), or null
 * @param spoolEvents        events in the durable queue not yet answered by the endpoint
 * @param spoolBytes         bytes of those records
 * @param requests           requests sent, retries included
 * @param deliveredEvents    events the endpoint accepted (a partial success's rejected ones excluded)
 * @param rejectedEvents     events the endpoint refused: whole batches answered with a non-retryable
 *                           status, and the rejected count of partial successes
 * @param rejectedBatches    batches answered with a non-retryable status (not sent again)
 * @param partialSuccesses   responses that reported some records rejected
 * @param retries            requests sent again after a retryable failure: the failed one and, with
 *                           several in flight, those behind it
 * @param resentEvents       events sent again whose earlier attempt may have been stored by the endpoint (a
 *                           connection lost or a timeout mid-request, or delivered behind a request that
 *                           failed): possible duplicates
 * @param droppedEvents      unsent events deleted by the {@code drop-oldest} spool policy
 * @param refusedEvents      events refused because the spool was full and the memory backlog too
 */
public record OtlpHealth(String destination, String endpoint, State state, String lastError, long spoolEvents,
                         long spoolBytes, long requests, long deliveredEvents, long rejectedEvents,
                         long rejectedBatches, long partialSuccesses, long retries, long resentEvents,
                         long droppedEvents, long refusedEvents) {

    /** The sender's state. */
    public enum State {
        /** Sending, or idle after the last request succeeded. */
        CONNECTED,
        /** Waiting before the next attempt after a retryable failure; events keep going to the spool. */
        BACKING_OFF,
        /** No request answered yet. */
        CONNECTING,
        /** The destination is closed. */
        CLOSED
    }
}
