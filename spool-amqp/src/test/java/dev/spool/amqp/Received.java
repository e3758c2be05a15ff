package dev.spool.amqp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events a test read from the queue, decoded from their JSON lines: each event's id and its message
 * {@code "p<producer> <sequence>"}. Keeps every copy, so duplicates can be counted, and the order in which
 * each producer's sequence numbers first arrived.
 */
final class Received {

    private final Map<Integer, List<Long>> firstArrivals = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private long copies;
    private long duplicates;

    void addAll(List<String> lines) {
        for (String line : lines) {
            add(line);
        }
    }

    void add(String line) {
        String id = field(line, "id");
        String message = field(line, "message");
        copies++;
        if (!seen.add(message)) {
            duplicates++;
            return;
        }
        ids.add(id);
        int space = message.indexOf(' ');
        int producer = Integer.parseInt(message.substring(1, space));
        firstArrivals.computeIfAbsent(producer, p -> new ArrayList<>()).add(Long.parseLong(message.substring(space + 1)));
    }

    /** The string value of {@code "name":"..."} in one JSON line (test data holds no escapes). */
    static String field(String line, String name) {
        String key = "\"" + name + "\":\"";
        int start = line.indexOf(key);
        if (start < 0) {
            throw new AssertionError("no " + name + " in " + line);
        }
        start += key.length();
        return line.substring(start, line.indexOf('"', start));
    }

    long distinctEvents() {
        return seen.size();
    }

    long distinctIds() {
        return ids.size();
    }

    long duplicates() {
        return duplicates;
    }

    long copies() {
        return copies;
    }

    /** Producer's sequence numbers in first-arrival order. */
    List<Long> sequence(int producer) {
        return firstArrivals.getOrDefault(producer, List.of());
    }

    /** Sequence numbers 0..count-1 that never arrived from {@code producer}. */
    List<Long> missing(int producer, long count) {
        Set<Long> got = new HashSet<>(sequence(producer));
        List<Long> missing = new ArrayList<>();
        for (long i = 0; i < count && missing.size() < 20; i++) {
            if (!got.contains(i)) {
                missing.add(i);
            }
        }
        return missing;
    }
}
