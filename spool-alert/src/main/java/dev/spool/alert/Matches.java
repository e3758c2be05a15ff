package dev.spool.alert;

import dev.spool.Level;
import dev.spool.spi.LogEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The matches a rule has not yet reported: a count, the first and last event, the first messages and
 * the (logger, template) groups. Bounded memory whatever the number of matches; adding a match whose
 * message is a String within {@link #MAX_MESSAGE_CHARS} allocates nothing unless it opens a group or is
 * kept as a sample. Not thread-safe: its {@link RuleWindow} guards it.
 */
final class Matches {

    /** Longest message kept in a summary; longer ones are cut and end with {@code ...}. */
    static final int MAX_MESSAGE_CHARS = 1000;

    private final int maxSamples;
    private final String[] groupLoggers;
    private final long[] groupHashes;
    private final long[] groupCounts;
    private final String[] groupTemplates;
    private final String[] groupSamples;
    private final List<String> samples = new ArrayList<>();
    private int groupCount;
    private long otherCount;
    private long count;
    private long deduplicated;
    private EventSummary first;
    private long lastIdHigh;
    private long lastIdLow;
    private long lastMicros;
    private Level lastLevel;
    private String lastService;
    private String lastLogger;
    private String lastMessage;

    Matches(int maxSamples, int maxGroups) {
        this.maxSamples = maxSamples;
        groupLoggers = new String[maxGroups];
        groupHashes = new long[maxGroups];
        groupCounts = new long[maxGroups];
        groupTemplates = new String[maxGroups];
        groupSamples = new String[maxGroups];
    }

    long count() {
        return count;
    }

    /** Matches folded into a group that already held one, since the last {@link #clear()}. */
    long deduplicated() {
        return deduplicated;
    }

    void add(LogEvent e) {
        CharSequence message = e.message();
        String logger = e.logger();
        String service = e.resource() == null ? null : e.resource().service();
        String text = null;
        count++;
        if (first == null) {
            text = cut(message);
            first = new EventSummary(e.idHigh(), e.idLow(), e.timestampMicros(), e.level(), service, logger, text);
        }
        if (samples.size() < maxSamples) {
            text = text == null ? cut(message) : text;
            samples.add(text);
        }
        long hash = Templates.hash(message);
        int g = find(logger, hash);
        if (g >= 0) {
            groupCounts[g]++;
            deduplicated++;
        } else if (groupCount < groupHashes.length) {
            g = groupCount++;
            groupLoggers[g] = logger;
            groupHashes[g] = hash;
            groupCounts[g] = 1;
            groupTemplates[g] = Templates.template(message);
            groupSamples[g] = text == null ? cut(message) : text;
        } else {
            otherCount++;
        }
        lastIdHigh = e.idHigh();
        lastIdLow = e.idLow();
        lastMicros = e.timestampMicros();
        lastLevel = e.level();
        lastService = service;
        lastLogger = logger;
        lastMessage = text == null ? cut(message) : text;
    }

    private int find(String logger, long hash) {
        for (int i = 0; i < groupCount; i++) {
            if (groupHashes[i] == hash && (logger == null ? groupLoggers[i] == null : logger.equals(groupLoggers[i]))) {
                return i;
            }
        }
        return -1;
    }

    Notification snapshot(String rule, String kind, long windowStart, long windowEnd) {
        List<GroupSummary> groups = new ArrayList<>(groupCount);
        for (int i = 0; i < groupCount; i++) {
            groups.add(new GroupSummary(groupLoggers[i], groupTemplates[i], groupCounts[i], groupSamples[i]));
        }
        EventSummary last = new EventSummary(lastIdHigh, lastIdLow, lastMicros, lastLevel, lastService, lastLogger,
                lastMessage);
        return new Notification(rule, kind, windowStart, windowEnd, count, first, last, groups, otherCount, samples);
    }

    void clear() {
        count = 0;
        deduplicated = 0;
        otherCount = 0;
        first = null;
        samples.clear();
        for (int i = 0; i < groupCount; i++) {
            groupLoggers[i] = null;
            groupTemplates[i] = null;
            groupSamples[i] = null;
        }
        groupCount = 0;
        lastService = null;
        lastLogger = null;
        lastMessage = null;
    }

    static String cut(CharSequence message) {
        if (message == null) {
            return "";
        }
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message.toString();
        }
        int end = MAX_MESSAGE_CHARS;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.subSequence(0, end) + "...";
    }
}
