package dev.spool.alert;

import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that talks to receivers: takes notifications from a bounded queue and delivers them,
 * retrying with doubling backoff; between deliveries it closes ended windows (digests). Producers only
 * {@link #submit}: a full queue drops the notification and counts it, so a slow or dead receiver never
 * holds up ingestion.
 */
final class Sender implements Runnable {

    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private record Outgoing(ActiveRule rule, Notification notification) {
    }

    private final ActiveRule[] rules;
    private final ArrayBlockingQueue<Outgoing> queue;
    private final int capacity;
    private final Clock clock;
    private final long tickMillis;
    private final Duration closeTimeout;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    /** Set by {@link #close} once it has emptied the queue: what comes in later is counted there and then. */
    private volatile boolean drained;

    Sender(ActiveRule[] rules, int capacity, Clock clock, Duration tick, Duration closeTimeout) {
        this.rules = rules;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.clock = clock;
        this.tickMillis = Math.max(1, tick.toMillis());
        this.closeTimeout = closeTimeout;
        this.thread = DaemonThreads.named("spool-alerts").newThread(this);
    }

    void start() {
        thread.start();
    }

    /** Queues a notification without waiting; counts it as fired, and as dropped when the queue is full. */
    void submit(ActiveRule r, Notification n) {
        r.counters.fired.incrementAndGet();
        Outgoing o = new Outgoing(r, n);
        if (queue.offer(o)) {
            // An offer racing close may queue after close emptied the queue: take it back and count it
            // failed, so every fired notification ends delivered, failed or dropped. If close's second
            // drain took it first, remove finds nothing and close has counted it.
            if (drained && queue.remove(o)) {
                r.counters.failed.incrementAndGet();
            }
        } else {
            r.counters.dropped.incrementAndGet();
            Diagnostics.warn("alerts.queue-full", "alert rule '" + r.rule.name() + "': send queue full ("
                    + capacity + " notifications, alerts.queue.capacity), notification dropped and counted", null);
        }
    }

    @Override
    public void run() {
        try {
            while (stopping.getCount() > 0) {
                Outgoing o = queue.poll(tickMillis, TimeUnit.MILLISECONDS);
                if (o != null) {
                    deliver(o);
                }
                long now = clock.millis();
                for (ActiveRule r : rules) {
                    Notification digest = r.window.tick(now);
                    if (digest != null) {
                        submit(r, digest);
                    }
                }
            }
            for (ActiveRule r : rules) {
                Notification digest = r.window.flush();
                if (digest != null) {
                    submit(r, digest);
                }
            }
            Outgoing o;
            while (!Thread.currentThread().isInterrupted() && (o = queue.poll()) != null) {
                deliver(o);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Outgoing o) {
        AlertRule rule = o.rule.rule;
        RuleCounters counters = o.rule.counters;
        long delay = rule.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                rule.action().deliver(rule, o.notification);
                counters.delivered.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(o, attempt, "interrupted while stopping");
                return;
            } catch (RuntimeException e) {
                // A bug, not the receiver: no retry, but the sender thread must live on.
                fail(o, attempt, e.toString());
                return;
            } catch (DeliveryException e) {
                if (attempt > rule.retries() || !e.retryable() || stopping.getCount() == 0) {
                    fail(o, attempt, e.getMessage());
                    return;
                }
                counters.retried.incrementAndGet();
                try {
                    if (stopping.await(delay, TimeUnit.MILLISECONDS)) {
                        fail(o, attempt, e.getMessage() + " (no more attempts: closing)");
                        return;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    fail(o, attempt, e.getMessage());
                    return;
                }
                delay = Math.min(Math.max(1, delay * 2), MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void fail(Outgoing o, int attempts, String why) {
        o.rule.counters.failed.incrementAndGet();
        Diagnostics.warn("alerts.failed." + o.rule.rule.name(), "alert rule '" + o.rule.rule.name()
                + "': notification not delivered to " + o.rule.rule.action().target() + " after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + ", counted as failed: " + why, null);
    }

    /**
     * Stops the thread: delivers what is queued (one attempt each, no more backoff) for up to the close
     * timeout, then interrupts it; whatever is still queued is counted as failed and reported.
     */
    void close() {
        stopping.countDown();
        try {
            thread.join(closeTimeout.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        List<Outgoing> left = new ArrayList<>();
        queue.drainTo(left);
        drained = true;
        queue.drainTo(left); // what was queued between the first drain and the flag
        for (Outgoing o : left) {
            o.rule.counters.failed.incrementAndGet();
        }
        if (!left.isEmpty()) {
            Diagnostics.info("alerts: " + left.size() + " notification(s) not delivered within the close timeout of "
                    + closeTimeout + ", counted as failed");
        }
    }
}
