package dev.spool.collector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a collector's output written by workers ({@link Worker}): every event exactly once, each
 * worker's events in the order it logged them. Collects problems instead of stopping at the first.
 */
final class WrittenEvents {

    private static final Pattern ID = Pattern.compile("^\\{\"v\":1,\"id\":\"([0-9A-Z]{26})\"");

    private WrittenEvents() {
    }

    /** An empty list when the file holds exactly {@code perWorker} events of each worker, in order. */
    static List<String> problems(Path file, List<String> workers, int perWorker) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> next = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (String line : Events.lines(file)) {
            Matcher id = ID.matcher(line);
            if (!id.find() || !ids.add(id.group(1))) {
                problems.add("duplicate or malformed: " + line);
                continue;
            }
            String message = Events.message(line);
            int dash = message.lastIndexOf('-');
            String worker = message.substring(0, dash);
            int n = Integer.parseInt(message.substring(dash + 1));
            int expected = next.getOrDefault(worker, 0);
            if (n != expected) {
                problems.add(worker + ": expected event " + expected + " but found " + n);
            }
            next.put(worker, n + 1);
            if (problems.size() > 20) {
                return problems;
            }
        }
        for (String w : workers) {
            if (next.getOrDefault(w, 0) != perWorker) {
                problems.add(w + ": " + next.getOrDefault(w, 0) + " events, expected " + perWorker);
            }
        }
        return problems;
    }
}
