package dev.spool.alert;

/**
 * Matches folded into one entry because they share a logger and a message template (the message with
 * every word holding a digit replaced by {@code #}); {@code sample} is the first such message.
 */
record GroupSummary(String logger, String template, long count, String sample) {
}
