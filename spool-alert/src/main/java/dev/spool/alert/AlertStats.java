package dev.spool.alert;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A snapshot of every rule's counters. For each rule, {@code fired = delivered + failed + dropped +
 * pending} where pending notifications are queued or being delivered.
 */
public record AlertStats(List<RuleStats> rules) {

    /** Copies the list. */
    public AlertStats {
        rules = List.copyOf(rules);
    }

    /**
     * One rule's counters since start.
     *
     * @param matched      events that satisfied the rule's level, service and logger condition
     * @param fired        notifications made (alerts and digests)
     * @param suppressed   matches held back by the rate limit (reported in the next digest)
     * @param deduplicated matches folded into a group (same logger and message template) already in the
     *                     same notification
     * @param delivered    notifications the receiver accepted
     * @param retried      delivery attempts repeated after a failure
     * @param failed       notifications given up after the last attempt, or left undelivered at close
     * @param dropped      notifications dropped because the send queue was full
     */
    public record RuleStats(String rule, long matched, long fired, long suppressed, long deduplicated,
                            long delivered, long retried, long failed, long dropped) {
    }

    /**
     * The counters of the rule named {@code name}.
     *
     * @throws NoSuchElementException naming the rules there are
     */
    public RuleStats rule(String name) {
        for (RuleStats r : rules) {
            if (r.rule().equals(name)) {
                return r;
            }
        }
        throw new NoSuchElementException("no alert rule named '" + name + "'; rules: "
                + rules.stream().map(RuleStats::rule).toList());
    }
}
