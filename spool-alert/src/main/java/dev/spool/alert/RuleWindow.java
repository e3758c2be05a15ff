package dev.spool.alert;

import dev.spool.spi.LogEvent;

/**
 * One rule's windows, rate limit and de-duplication.
 *
 * <p>A window opens at the first match while the rule is quiet and lasts the rule's {@code window}. When
 * its matches reach {@code count}, an {@code alert} notification is made at once; the matches after it in
 * that window are held back (counted as suppressed). When a window that alerted closes with matches held
 * back, they become one {@code digest} notification and a new window opens at once, already notified, so
 * a rule never notifies twice within one window length. A window that closes with nothing held back (or
 * without reaching {@code count}) leaves the rule quiet again.
 *
 * <p>Thread-safe: every method holds this object's lock for a bounded time, with no I/O. Time comes from
 * the caller (an injectable clock), in milliseconds.
 */
final class RuleWindow {

    private final AlertRule rule;
    private final RuleCounters counters;
    private final long windowMillis;
    private final Matches matches;
    private boolean open;
    private boolean notified;
    private long start;
    private long end;
    private long inWindow;

    RuleWindow(AlertRule rule, RuleCounters counters) {
        this.rule = rule;
        this.counters = counters;
        this.windowMillis = rule.window().toMillis();
        this.matches = new Matches(rule.samples(), rule.groups());
    }

    /** Records a match at {@code now}; returns the notification it triggers, if any. */
    synchronized Notification match(LogEvent e, long now) {
        Notification digest = null;
        if (open && now >= end) {
            digest = close(now);
        }
        if (!open) {
            openAt(now, false);
        }
        counters.matched.incrementAndGet();
        inWindow++;
        long deduplicatedBefore = matches.deduplicated();
        matches.add(e);
        if (matches.deduplicated() != deduplicatedBefore) {
            counters.deduplicated.incrementAndGet();
        }
        if (notified) {
            counters.suppressed.incrementAndGet();
            return digest;
        }
        if (inWindow >= rule.count()) {
            // A digest was only produced when the closed window had notified, and then the new window
            // opened notified too: the two cannot both happen here.
            notified = true;
            return take("alert");
        }
        return digest;
    }

    /** Closes the window if it has ended by {@code now}; returns the digest of what it held back, if any. */
    synchronized Notification tick(long now) {
        return open && now >= end ? close(now) : null;
    }

    /** At shutdown: the digest of what is held back, if any, whatever the time. */
    synchronized Notification flush() {
        if (open && notified && matches.count() > 0) {
            Notification n = take("digest");
            open = false;
            return n;
        }
        return null;
    }

    private Notification close(long now) {
        if (notified && matches.count() > 0) {
            Notification n = take("digest");
            openAt(now, true);
            return n;
        }
        open = false;
        matches.clear();
        return null;
    }

    private void openAt(long now, boolean alreadyNotified) {
        open = true;
        notified = alreadyNotified;
        start = now;
        end = now + windowMillis;
        inWindow = 0;
        matches.clear();
    }

    private Notification take(String kind) {
        Notification n = matches.snapshot(rule.name(), kind, start, end);
        matches.clear();
        return n;
    }
}
