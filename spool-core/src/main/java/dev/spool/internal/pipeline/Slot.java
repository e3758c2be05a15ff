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
final class Slot implements LogEvent {

    private static final String[] NO_KEYS = new String[0];
    private static final Object[] NO_VALUES = new Object[0];

    volatile long sequence = -1;

    long idHigh;
    long idLow;
    long timestampMicros;
    Level level;
    String logger;
    String threadName;        // when threadNumber is -1
    int threadNumber = -1;    // a ThreadNames number, for a thread logging here
    long threadId;
    final MessageBuffer message = new MessageBuffer(64);
    int fieldCount;
    String[] keys = NO_KEYS;
    Object[] values = NO_VALUES;
    ContextMap context = ContextMap.EMPTY;
    private final Throwable[] thrown;
    private final int at;
    Resource resource;
    Route route;
    boolean hasId;            // set for events from elsewhere (a collector) that keep their id
    EventKind kind = EventKind.LOG;
    String metricName;
    double metricValue = Double.NaN;
    String metricUnit;
    Ledger ledger;

    /** A slot of one thread's own (the synchronous path), holding its throwable in an array of its own. */
    Slot() {
        this(new Throwable[1], 0);
    }

    /** A ring's slot: its throwable is {@code thrown[at]}, in the ring's one array ({@link Ring}). */
    Slot(Throwable[] thrown, int at) {
        this.thrown = thrown;
        this.at = at;
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
            idHigh = source.idHigh();
            idLow = source.idLow();
        }
        timestampMicros = source.timestampMicros();
        threadId = source.threadId();
        if (source instanceof Capture capture) {
            message.copyOf(capture.message); // bytes when the message is printable ASCII: the writer copies them
        } else {
            message.setText(source.message());
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
            if (threadName != thread) {
                threadName = thread;
            }
        }
        throwable(source.throwable());
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
            metricName = source.metricName();
            metricValue = source.metricValue();
            metricUnit = source.metricUnit();
            ledger = source.ledger();
        }
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
     * The throwable is let go by the ring when it frees the slot ({@link Ring#free}), or by
     * {@code throwable(null)} for a slot of one thread's own.
     */
    void release() {
        hasId = false;
        if (kind != EventKind.LOG) {
            kind = EventKind.LOG;
            metricName = null;
            metricUnit = null;
            metricValue = Double.NaN;
            ledger = null;
        }
        if (context != ContextMap.EMPTY) {
            context = ContextMap.EMPTY;
        }
        if (fieldCount > 0) {
            SmallValues.releaseLarge(values, fieldCount);
            fieldCount = 0;
        }
        message.trimOver(16_384);
    }

    /**
     * Sets the event's throwable (null for none); {@link #fill} sets it this way. Stores only when it differs,
     * as for the other references (docs/decisions/slot-stores.md).
     */
    void throwable(Throwable t) {
        if (thrown[at] != t) {
            thrown[at] = t;
        }
    }

    @Override public long idHigh() { return idHigh; }
    @Override public long idLow() { return idLow; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public Level level() { return level; }
    @Override public String logger() { return logger; }
    @Override public String threadName() { return threadNumber < 0 ? threadName : ThreadNames.PROCESS.name(threadNumber); }
    @Override public long threadId() { return threadId; }
    @Override public CharSequence message() { return message; }
    @Override public int fieldCount() { return fieldCount; }
    @Override public String fieldKey(int index) { return keys[index]; }
    @Override public Object fieldValue(int index) { return values[index]; }
    @Override public ContextMap context() { return context; }
    @Override public Throwable throwable() { return thrown[at]; }
    @Override public Resource resource() { return resource; }
    @Override public EventKind kind() { return kind; }
    @Override public String metricName() { return metricName; }
    @Override public double metricValue() { return metricValue; }
    @Override public String metricUnit() { return metricUnit; }
    @Override public Ledger ledger() { return ledger; }
}
