package dev.spool.internal.pipeline;

/**
 * Per-thread reusable storage for the capture path: the message builder and a private event for the
 * synchronous path. A thread that logs again while formatting (an argument's {@code toString()} that
 * logs) gets a fresh one, so nested calls never share a buffer.
 */
final class Scratch {

    private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);

    final StringBuilder message = new StringBuilder(256);
    final Slot syncEvent = new Slot();
    boolean busy;

    static Scratch acquire() {
        Scratch s = CURRENT.get();
        if (s.busy) {
            s = new Scratch();
        }
        s.busy = true;
        s.message.setLength(0);
        return s;
    }

    void free() {
        busy = false;
        if (message.capacity() > 65_536) {
            message.setLength(0);
            message.trimToSize(); // one huge message must not pin memory in every thread forever
        }
    }
}
