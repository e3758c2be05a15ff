package dev.spool.internal.pipeline;

import dev.spool.EventId;

/**
 * The id counter values a pipeline's writer gives out: blocks of 1,024 reserved from the process-wide
 * counter. Used only under the write lock.
 *
 * <p>Written for every event, so it sits on cache lines of its own (padding inherited before and declared
 * after, as in {@link Sequence}). Kept among the writer's other fields it shared a line with the write
 * lock's reference, which producers read on every turn of their wait for space: each event's write here
 * then took that line from every waiting producer, and their next read took it back.
 */
final class IdBlock extends IdBlockFields {

    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7;

    /** The next counter value; reserves a new block when this one is used up. */
    long next() {
        if (next == end) {
            next = EventId.reserve(BLOCK);
            end = next + BLOCK;
        }
        return next++;
    }

    /** The last counter value given, or -1 if none was. */
    long last() {
        return end == 0 ? -1 : next - 1; // a block is reserved only to give its first value at once
    }
}

/** Padding that the JVM lays out before {@link IdBlockFields}' fields (superclass fields come first). */
abstract class IdBlockPadding {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
}

/** {@link IdBlock}'s state, between the two paddings. */
abstract class IdBlockFields extends IdBlockPadding {
    static final int BLOCK = 1_024;
    long next;
    long end;
}
