package dev.spool.alert;

import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code alert} destination's sink: hands each event to {@link Alerts#offer}, which matches it and, when
 * a rule fires, queues a notification for the {@code spool-alerts-1} thread without waiting. So the writer
 * never performs the webhook's or SMTP server's I/O; a full send queue drops the notification, counts it
 * ({@code dropped}) and reports it on stderr.
 */
final class AlertSink implements Sink {

    private final Alerts alerts;

    AlertSink(Alerts alerts) {
        this.alerts = alerts;
    }

    /** Matches and, at most, queues a notification: no I/O, never blocks on the sender. */
    @Override
    public void write(LogEvent event) {
        alerts.offer(event);
    }

    @Override
    public void flush() {
        // notifications are sent by the alert thread, not per batch
    }

    /** Totals over the rules, then each rule's counters as {@code rule.NAME.COUNTER}. Thread-safe. */
    @Override
    public Map<String, Object> health() {
        AlertStats stats = alerts.stats();
        Map<String, Object> h = new LinkedHashMap<>();
        long matched = 0;
        long fired = 0;
        long delivered = 0;
        long failed = 0;
        long dropped = 0;
        for (AlertStats.RuleStats r : stats.rules()) {
            matched += r.matched();
            fired += r.fired();
            delivered += r.delivered();
            failed += r.failed();
            dropped += r.dropped();
        }
        h.put("matched", matched);
        h.put("fired", fired);
        h.put("delivered", delivered);
        h.put("failed", failed);
        h.put("dropped", dropped);
        for (AlertStats.RuleStats r : stats.rules()) {
            String p = "rule." + r.rule() + ".";
            h.put(p + "matched", r.matched());
            h.put(p + "fired", r.fired());
            h.put(p + "suppressed", r.suppressed());
            h.put(p + "delivered", r.delivered());
            h.put(p + "retried", r.retried());
            h.put(p + "failed", r.failed());
            h.put(p + "dropped", r.dropped());
        }
        return h;
    }

    /** Sends the digests still held back and delivers the queue for up to {@code alerts.shutdown.timeout}. */
    @Override
    public void close() {
        alerts.close();
    }
}
