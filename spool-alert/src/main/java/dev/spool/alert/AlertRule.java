package dev.spool.alert;

import dev.spool.Level;

import java.time.Duration;

/**
 * One configured rule: which events match, how many per window make an alert, and where it goes.
 * Immutable; validated here, so a rule built in code gets the same errors as one read from a file.
 */
record AlertRule(String name, Level level, NameMatcher service, NameMatcher logger, int count, Duration window,
                 int samples, int groups, int retries, Duration backoff, AlertAction action) {

    AlertRule {
        String prefix = "alert." + name + ".";
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("bad rule name '" + name + "' in key 'alert." + name
                    + ".*': expected letters, digits, '_' and '-'");
        }
        if (count < 1) {
            throw new IllegalArgumentException("bad value '" + count + "' for key '" + prefix
                    + "count': expected an integer from 1 to 1000000");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("bad value '" + window + "' for key '" + prefix
                    + "window': expected a duration above 0 and at most 1d, such as 30s, 1m or 1h");
        }
        if (backoff.isNegative() || backoff.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("bad value '" + backoff + "' for key '" + prefix
                    + "backoff': expected a duration from 0ms to 1h");
        }
    }

    /** Whether an event with these properties satisfies the condition; allocates nothing. */
    boolean matches(Level eventLevel, String eventService, String eventLogger) {
        return eventLevel != null && eventLevel.isAtLeast(level) && service.matches(eventService)
                && logger.matches(eventLogger);
    }
}
