package dev.spool.spi.support;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;

/**
 * A {@link Ledger} as the event a sink is given (docs/audit.md): kind {@link EventKind#LEDGER}, logger
 * {@value #LOGGER}, a fresh id of this process made at the ledger's time, and a one-line message saying
 * its counts. Used by pipelines for their own ledgers and by relays for theirs. Immutable.
 */
public final class LedgerEvent implements LogEvent {

    /** The logger name ledger events carry. */
    public static final String LOGGER = "spool.ledger";

    private final Ledger ledger;
    private final Resource resource;
    private final long idHigh;
    private final long idLow;
    private final String message;
    private final String threadName;
    private final long threadId;

    /** A ledger made by the calling thread of this process, as {@code resource}. */
    public LedgerEvent(Ledger ledger, Resource resource) {
        this.ledger = ledger;
        this.resource = resource;
        this.idHigh = EventId.high(ledger.atMicros() / 1_000);
        this.idLow = EventId.nextLow();
        this.message = message(ledger);
        this.threadName = Thread.currentThread().getName();
        this.threadId = Thread.currentThread().getId();
    }

    private static String message(Ledger l) {
        Ledger.Relay r = l.relay();
        String tail = l.last() ? " (final)" : "";
        if (r == null) {
            return "ledger " + l.destination() + ": sent " + l.sent() + ", failed " + l.failed() + ", dropped "
                    + l.droppedTotal() + tail;
        }
        return "ledger " + r.role() + (r.upstream().isEmpty() ? "" : " from " + r.upstream()) + ": received "
                + r.received() + ", written " + r.written() + ", duplicates " + r.duplicates() + ", failed " + r.failed()
                + ", dead-lettered " + r.deadLettered() + ", rejected " + r.rejected() + tail;
    }

    @Override public long idHigh() { return idHigh; }
    @Override public long idLow() { return idLow; }
    @Override public long timestampMicros() { return ledger.atMicros(); }
    @Override public Level level() { return Level.INFO; }
    @Override public String logger() { return LOGGER; }
    @Override public String threadName() { return threadName; }
    @Override public long threadId() { return threadId; }
    @Override public CharSequence message() { return message; }
    @Override public int fieldCount() { return 0; }
    @Override public String fieldKey(int index) { throw new IndexOutOfBoundsException(index); }
    @Override public Object fieldValue(int index) { throw new IndexOutOfBoundsException(index); }
    @Override public ContextMap context() { return ContextMap.EMPTY; }
    @Override public Throwable throwable() { return null; }
    @Override public Resource resource() { return resource; }
    @Override public EventKind kind() { return EventKind.LEDGER; }
    @Override public Ledger ledger() { return ledger; }
}
