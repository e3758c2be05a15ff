package dev.spool.test;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one test: appended by the writer thread, read by the test. Holds at most
 * {@code maxEvents}; later events are counted, not kept, so a test that logs without end cannot
 * exhaust the heap.
 */
final class CaptureBuffer {

    private final Thread thread;
    private final int maxEvents;
    private final List<CapturedEvent> events = new ArrayList<>();
    private long overflowed;
    private CaptureBuffer previous;

    /** {@code thread} null means every thread. */
    CaptureBuffer(Thread thread, int maxEvents) {
        this.thread = thread;
        this.maxEvents = maxEvents;
    }

    Thread thread() {
        return thread;
    }

    CaptureBuffer previous() {
        return previous;
    }

    void previous(CaptureBuffer replaced) {
        this.previous = replaced;
    }

    synchronized void add(CapturedEvent event) {
        if (events.size() < maxEvents) {
            events.add(event);
        } else {
            overflowed++;
        }
    }

    synchronized List<CapturedEvent> snapshot() {
        return List.copyOf(events);
    }

    synchronized long overflowed() {
        return overflowed;
    }

    synchronized void clear() {
        events.clear();
        overflowed = 0;
    }
}
