package dev.spool.alert;

import java.util.List;

/**
 * One message to send for a rule: the matches since its previous notification, summarized. Immutable.
 *
 * @param kind            {@code alert} when the condition was met in a quiet window, {@code digest} for the
 *                        matches held back by the rate limit in the window after an alert or digest
 * @param windowStartMillis start of the window the matches fell in (epoch milliseconds)
 * @param windowEndMillis   its end, exclusive
 * @param count           matches this notification covers
 * @param groups          distinct (logger, template) pairs, at most the rule's {@code groups}
 * @param otherCount      matches in groups beyond that limit
 * @param samples         the first messages, at most the rule's {@code samples}
 */
record Notification(String rule, String kind, long windowStartMillis, long windowEndMillis, long count,
                    EventSummary first, EventSummary last, List<GroupSummary> groups, long otherCount,
                    List<String> samples) {

    Notification {
        groups = List.copyOf(groups);
        samples = List.copyOf(samples);
    }
}
