package dev.spool.alert;

import java.util.concurrent.atomic.AtomicLong;

/** One rule's counters, written by the ingest and sender threads, read by {@link Alerts#stats()}. */
final class RuleCounters {

    final AtomicLong matched = new AtomicLong();
    final AtomicLong fired = new AtomicLong();
    final AtomicLong suppressed = new AtomicLong();
    final AtomicLong deduplicated = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();

    AlertStats.RuleStats snapshot(String rule) {
        return new AlertStats.RuleStats(rule, matched.get(), fired.get(), suppressed.get(), deduplicated.get(),
                delivered.get(), retried.get(), failed.get(), dropped.get());
    }
}
