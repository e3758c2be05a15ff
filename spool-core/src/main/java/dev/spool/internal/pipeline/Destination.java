package dev.spool.internal.pipeline;

import dev.spool.DestinationStats;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.support.Diagnostics;

/**
 * A sink as the writer sees it: failures caught, counted and reported, never passed on. Touched only
 * by the thread holding the pipeline's write lock. The counters are plain fields: the stats reader
 * takes the same lock, which orders its reads after the writer's updates, and no event pays for a
 * volatile write.
 */
final class Destination {

    final String name;
    final String type;
    final Sink sink;
    boolean dirty;
    /** Events the sink took ({@link Sink#write} returned); the stats subtract what it still holds. */
    private long written;
    private long failed;
    /** Of those, the events this pipeline made (not ones a relay passed on): what its ledgers count. */
    private long ownWritten;
    private long ownFailed;
    private long errors;
    private String lastError;

    Destination(String name, String type, Sink sink) {
        this.name = name;
        this.type = type;
        this.sink = sink;
    }

    void write(Slot event) {
        try {
            sink.write(event);
            written++;
            if (!event.hasId) {
                ownWritten++;
            }
            dirty = true;
        } catch (Exception | LinkageError e) {
            failed++;
            if (!event.hasId) {
                ownFailed++;
            }
            fail("write", e);
        }
    }

    /** Whether ledgers go here (the sink carries them to where they can be audited). */
    boolean acceptsLedgers() {
        try {
            return sink.acceptsLedgers();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Writes a ledger; it is not an event, so it counts nowhere. A failure is reported like a write's. */
    void writeLedger(LogEvent ledger) {
        try {
            sink.write(ledger);
            dirty = true;
        } catch (Exception | LinkageError e) {
            fail("write", e);
        }
    }

    long ownWritten() {
        return ownWritten;
    }

    long ownFailed() {
        return ownFailed;
    }

    /** Flushes if this batch wrote here or the sink is retrying a backlog. */
    void flushIfNeeded() {
        if (!dirty && !hasBacklog()) {
            return;
        }
        dirty = false;
        try {
            sink.flush();
        } catch (Exception | LinkageError e) {
            fail("flush", e);
        }
    }

    boolean hasBacklog() {
        try {
            return sink.hasBacklog();
        } catch (RuntimeException e) {
            return false;
        }
    }

    void close() {
        try {
            sink.close();
        } catch (Exception | LinkageError e) {
            fail("close", e);
        }
    }

    private void fail(String operation, Throwable e) {
        errors++;
        lastError = operation + ": " + e;
        Diagnostics.warn("destination." + name + "." + operation + "." + e.getClass().getName(),
                "destination '" + name + "' (" + type + ") failed to " + operation
                        + "; events are counted as failed there, retrying", e);
    }

    DestinationStats stats() {
        long held = Math.min(written, heldSafely());
        return new DestinationStats(name, type, written - held, failed, errors, hasBacklogSafely(), lastError,
                healthSafely(), held);
    }

    private long heldSafely() {
        try {
            return Math.max(0, sink.heldEvents());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private java.util.Map<String, Object> healthSafely() {
        try {
            return sink.health();
        } catch (RuntimeException e) {
            return java.util.Map.of("health_error", String.valueOf(e));
        }
    }

    private boolean hasBacklogSafely() {
        // Called from a stats reader, not the writer: read what the sink reports, tolerate races.
        try {
            return sink.hasBacklog();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
