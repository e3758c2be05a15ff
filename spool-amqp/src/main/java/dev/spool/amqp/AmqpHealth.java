package dev.spool.amqp;

import java.time.Instant;

/**
 * A snapshot of one {@code amqp} destination's health, as shown by JMX and {@code spool status}.
 *
 * @param destination          the destination's name
 * @param broker               {@code host:port/vhost}
 * @param state                the publisher's connection state
 * @param lastError            the last failure (connect, nack, return, channel error), or null
 * @param lastErrorAt          when it happened, or null
 * @param confirmsOutstanding  messages published and not yet confirmed
 * @param spoolEvents          events spooled and not yet confirmed (nor dropped)
 * @param spoolBytes           bytes of spooled records not yet confirmed
 * @param publishedEvents      events published, re-sends included
 * @param confirmedEvents      events the broker confirmed
 * @param resentEvents         events published again after a reconnect or a nack: possible duplicates
 * @param nackedMessages       messages the broker refused (queue at its length limit, for one)
 * @param returnedMessages     messages returned as unroutable (no queue bound for their key)
 * @param reconnects           connections opened after the first
 * @param droppedEvents        unconfirmed events deleted by the drop-oldest policy
 * @param blockedAppends       batch appends refused because the spool stayed full (block policy)
 * @param refusedEvents        events refused by {@code write} because the in-memory backlog was full
 * @param corruptBytes         spool bytes skipped because they failed their checksum
 * @param corruptRegions       separate damaged spool regions found
 * @param confirmedEventsPerSecond  confirmed events per second over the last few seconds
 */
public record AmqpHealth(String destination, String broker, State state, String lastError, Instant lastErrorAt,
                         int confirmsOutstanding, long spoolEvents, long spoolBytes, long publishedEvents,
                         long confirmedEvents, long resentEvents, long nackedMessages, long returnedMessages,
                         long reconnects, long droppedEvents, long blockedAppends, long refusedEvents,
                         long corruptBytes, long corruptRegions, double confirmedEventsPerSecond) {

    /** The publisher's connection state. */
    public enum State {
        /** Opening a connection and declaring the topology. */
        CONNECTING,
        /** Publishing. */
        CONNECTED,
        /** Connected, but the broker has blocked publishers (memory or disk alarm). */
        BLOCKED,
        /** Waiting before the next attempt after a failure; events keep going to the spool. */
        BACKING_OFF,
        /** The destination is closed. */
        CLOSED
    }

    /** Whether nothing is lost and nothing is waiting: connected, spool empty, nothing outstanding. */
    public boolean idle() {
        return state == State.CONNECTED && spoolEvents == 0 && confirmsOutstanding == 0;
    }
}
