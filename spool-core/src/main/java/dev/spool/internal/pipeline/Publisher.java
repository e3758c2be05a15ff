package dev.spool.internal.pipeline;

import dev.spool.DropReason;
import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.Resource;
import dev.spool.SpoolConfig;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.Diagnostics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * The producers' side of a pipeline: the one claim, fill, commit path that log events, metrics and
 * events made elsewhere all take, the {@link OverflowDecision} on a full ring, and the drop counters.
 * Called by any number of threads; never throws, never does I/O except on the {@code sync-fallback} path.
 */
final class Publisher {

    private static final long DROPPED = -10;
    private static final long CALLER_WRITES = -11;

    final Resource resource;
    final int maxMessageChars;
    private final String pipelineName;
    private final long highWaterDepth;
    private final String highWaterKey;
    private final LongFunction<String> highWaterMessage;
    private final Ring ring;
    private final Writer writer;
    private final LongAdder[] drops = new LongAdder[DropReason.values().length];

    Publisher(SpoolConfig config, Ring ring, Writer writer) {
        this.resource = config.resource();
        this.maxMessageChars = config.maxMessageChars();
        this.pipelineName = config.name();
        this.highWaterDepth = Math.max(1, (long) Math.ceil(ring.capacity() * config.highWaterMark()));
        this.ring = ring;
        this.writer = writer;
        // Built once: a producer that finds the queue deep reports at every sample, and all but one report
        // in ten seconds are suppressed, so those must allocate nothing.
        this.highWaterKey = "queue.highwater." + pipelineName;
        int capacity = ring.capacity();
        this.highWaterMessage = depth -> "queue of pipeline '" + pipelineName + "' is " + (100 * depth / capacity)
                + "% full (" + depth + " of " + capacity
                + " events); producers now wait or drop as their route's overflow policy says";
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    /**
     * Enqueues an event being logged on this thread.
     *
     * @return false if the ring is closed and nothing was counted; true if enqueued, written or dropped
     */
    boolean publish(Capture capture, Route route) {
        return enqueue(capture, route, false, capture, true);
    }

    /**
     * Enqueues an event made elsewhere, keeping its id. Returns as {@link #publish}. Without
     * {@code wakeWriter} a parked writer stays parked: the caller flushes after its round of events.
     */
    boolean ingest(LogEvent event, Route route, boolean wakeWriter) {
        Capture capture = Capture.acquire(); // for its private slot, should the caller have to write
        try {
            return enqueue(event, route, true, capture, wakeWriter);
        } finally {
            capture.free();
        }
    }

    /** The one claim, fill, commit path: commit is a publish, or a write on this thread (sync-fallback). */
    private boolean enqueue(LogEvent source, Route route, boolean keepsId, Capture capture, boolean wakeWriter) {
        long seq = claim(source.level(), route.policy);
        if (seq < 0 && seq != CALLER_WRITES) {
            return seq == DROPPED; // dropped (already counted), or closed: the caller decides
        }
        Slot slot = seq >= 0 ? ring.slot(seq) : capture.callerSlot;
        slot.fill(source, route, keepsId);
        if (seq >= 0 && wakeWriter) {
            ring.publish(slot, seq);
        } else if (seq >= 0) {
            ring.publishWithoutWaking(slot, seq);
        } else {
            writer.writeOnCaller(slot);
        }
        return true;
    }

    private long claim(Level level, OverflowPolicy policy) {
        int attempts = 0;
        while (true) {
            long seq = ring.tryClaim();
            if (seq >= 0) {
                long depth = ring.sampledDepth(seq);
                if (depth >= highWaterDepth) {
                    Diagnostics.warn(highWaterKey, highWaterMessage, depth);
                }
                return seq;
            }
            if (seq == Ring.CLOSED) {
                return Ring.CLOSED;
            }
            long claimAt = ring.claimed(); // what the failed claim saw: nothing was claimed since, the ring is full
            OverflowDecision decision = OverflowDecision.on(policy, level, writer.isWriting());
            if (decision == OverflowDecision.WAIT) {
                ring.awaitSpace(attempts++, claimAt);
            } else if (decision == OverflowDecision.WRITE_ON_CALLER) {
                return CALLER_WRITES;
            } else {
                drops[decision.dropReason.ordinal()].increment();
                return DROPPED;
            }
        }
    }

    void countAfterShutdown() {
        drops[DropReason.AFTER_SHUTDOWN.ordinal()].increment();
    }

    long dropped(DropReason reason) {
        return drops[reason.ordinal()].sum();
    }
}
