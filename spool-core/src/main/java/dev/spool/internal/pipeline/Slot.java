package dev.spool.internal.pipeline;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;


/**
 * One pre-allocated event in the queue (or a thread's private event on the synchronous path).
 *
 * <p>A producer fills the fields ({@link #fill}), then publishes by writing {@link #sequence}
 * ({@link Ring#publish}). That write is volatile: the writer's volatile read of {@code sequence} then
 * sees every field written before it (release / acquire), and the full fence that follows on the
 * producer side orders the publish before the producer's read of the writer's parked flag, so a
 * wake-up is never missed.
 */
final class Slot extends MessageBuffer implements LogEvent {

    private static final String[] NO_KEYS = new String[0];
    private static final Object[] NO_VALUES = new Object[0];

    volatile long sequence = -1;

    // The event's id lives outside the slot, in an array of the ring's that only the writer writes for a
    // logged event (a producer writes it only for an event made elsewhere that keeps its id): the writer
    // assigns the id, and a store of it into the slot would leave the slot's line modified in the writer's
    // cache, for the producer that fills the slot next to take back (docs/decisions/slot-layout.md).
    private final long[] ids;
    private final int idAt;
    long timestampMicros;
    Level level;
    String logger;
    int threadNumber = -1;    // a ThreadNames number, for a thread logging here
    long threadId;
    int fieldCount;
    String[] keys = NO_KEYS;
    Object[] values = NO_VALUES;
    ContextMap context = ContextMap.EMPTY;
    Throwable throwable;
    Resource resource;
    Route route;
    boolean hasId;            // set for events from elsewhere (a collector) that keep their id
    EventKind kind = EventKind.LOG;
    private SlotExtras extras; // made on the first event that needs it: a metric, a ledger, a thread kept by name

    /** A slot with an id of its own (a thread's private slot, a test's). */
    Slot() {
        this(new long[2], 0);
    }

    /** A ring's slot: its id is {@code ids[idAt]} (high) and {@code ids[idAt + 1]} (low). */
    Slot(long[] ids, int idAt) {
        super(64);
        this.ids = ids;
        this.idAt = idAt;
    }

    /**
     * Copies {@code source} into this slot: the fill step of the one claim, fill, commit path, for an
     * event being logged (a {@link Capture}) and for one made elsewhere alike.
     *
     * @param keepsId whether the source's id is kept (an event made elsewhere) or the writer assigns one
     */
    void fill(LogEvent source, Route route, boolean keepsId) {
        hasId = keepsId;
        if (keepsId) {
            id(source.idHigh(), source.idLow());
        }
        timestampMicros = source.timestampMicros();
        threadId = source.threadId();
        if (source instanceof Capture capture) {
            copyOf(capture.message); // bytes when the message is printable ASCII: the writer copies them
        } else {
            setChars(source.message());
        }
        // Each reference is compared before it is stored, as in Capture.begin: a slot lives as long as the
        // pipeline (old generation), so a store of a reference into it dirties a card that G1's refinement
        // threads must then scan, and the slot's previous event usually had the same route, level, logger,
        // thread, context and resource (docs/decisions/slot-stores.md). The thread is kept as a number
        // (ThreadNames): with several producers it is what changes from one event in a slot to the next.
        Route r = route;
        if (this.route != r) {
            this.route = r;
        }
        Level l = source.level();
        if (level != l) {
            level = l;
        }
        String name = source.logger();
        if (logger != name) {
            logger = name;
        }
        int number = source instanceof Capture capture ? capture.threadNumber() : -1;
        threadNumber = number;
        if (number < 0) {
            String thread = source.threadName();
            SlotExtras x = extras();
            if (x.threadName != thread) {
                x.threadName = thread;
            }
        }
        Throwable t = source.throwable();
        if (throwable != t) {
            throwable = t;
        }
        ContextMap c = source.context();
        if (context != c) {
            context = c;
        }
        Resource res = source.resource();
        if (resource != res) {
            resource = res;
        }
        copyFields(source);
        EventKind k = source.kind();
        if (k != EventKind.LOG) { // a log event leaves them as release() left them: LOG, null, NaN, null
            kind = k;
            SlotExtras x = extras();
            x.metricName = source.metricName();
            x.metricValue = source.metricValue();
            x.metricUnit = source.metricUnit();
            x.ledger = source.ledger();
        }
    }

    private SlotExtras extras() {
        SlotExtras x = extras;
        if (x == null) {
            x = new SlotExtras();
            extras = x;
        }
        return x;
    }

    /** Sets the event's id: the writer's for a logged event, the fill's for one that keeps its id. */
    void id(long high, long low) {
        long[] a = ids;
        int at = idAt;
        a[at] = high;
        a[at + 1] = low;
    }

    private void copyFields(LogEvent source) {
        int count = source.fieldCount();
        if (count > 0) {
            ensureFields(count);
            for (int i = 0; i < count; i++) {
                String key = source.fieldKey(i);
                if (keys[i] != key) { // usually the same literal as the slot's last event: no card dirtied
                    keys[i] = key;
                }
                Object value = source.fieldValue(i);
                if (values[i] != value) {
                    values[i] = value;
                }
            }
        }
        fieldCount = count;
    }

    private void ensureFields(int count) {
        if (keys.length < count) {
            keys = new String[Math.max(count, 4)];
            values = new Object[keys.length];
        }
    }

    /**
     * Drops references the slot no longer needs, so a queued slot does not keep big objects alive; small field
     * values ({@link SmallValues}) stay, so that the next event with the same values does not store them again.
     * It stores into the slot only what an event left that must go (nothing, for an ordinary log event):
     * {@code hasId} and the rest are set by the next {@link #fill}.
     */
    void release() {
        if (throwable != null) {
            throwable = null;
        }
        if (kind != EventKind.LOG) {
            kind = EventKind.LOG;
            SlotExtras x = extras;
            x.metricName = null;
            x.metricUnit = null;
            x.metricValue = Double.NaN;
            x.ledger = null;
        }
        if (context != ContextMap.EMPTY) {
            context = ContextMap.EMPTY;
        }
        if (fieldCount > 0) {
            SmallValues.releaseLarge(values, fieldCount);
            fieldCount = 0;
        }
        trimOver(16_384);
    }

    @Override public long idHigh() { return ids[idAt]; }
    @Override public long idLow() { return ids[idAt + 1]; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public Level level() { return level; }
    @Override public String logger() { return logger; }
    @Override public String threadName() { return threadNumber >= 0 ? ThreadNames.PROCESS.name(threadNumber) : extras == null ? null : extras.threadName; }
    @Override public long threadId() { return threadId; }
    /** The message: the slot holds it itself (see {@link MessageBuffer}). */
    @Override public MessageBuffer message() { return this; }
    @Override public int fieldCount() { return fieldCount; }
    @Override public String fieldKey(int index) { return keys[index]; }
    @Override public Object fieldValue(int index) { return values[index]; }
    @Override public ContextMap context() { return context; }
    @Override public Throwable throwable() { return throwable; }
    @Override public Resource resource() { return resource; }
    @Override public EventKind kind() { return kind; }
    @Override public String metricName() { return extras == null ? null : extras.metricName; }
    @Override public double metricValue() { return extras == null ? Double.NaN : extras.metricValue; }
    @Override public String metricUnit() { return extras == null ? null : extras.metricUnit; }
    @Override public Ledger ledger() { return extras == null ? null : extras.ledger; }
}
