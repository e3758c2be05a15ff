package dev.spool.collector;

import dev.spool.EventId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/** Event lines for collector tests, and reading back what the collector wrote. */
public final class Events {

    private static final String LEDGER = "\"kind\":\"ledger\"";
    private static final Pattern MESSAGE = Pattern.compile("\"message\":\"([^\"]*)\"");

    private Events() {
    }

    /** A valid JSON line with a fresh id and the given message. */
    public static String line(String message) {
        return "{\"v\":1,\"id\":\"" + EventId.toString(EventId.high(System.currentTimeMillis()), EventId.nextLow())
                + "\",\"ts\":\"2025-11-21T23:55:01.123456Z\",\"level\":\"INFO\",\"logger\":\"test\",\"message\":\""
                + message + "\"}";
    }

    /**
     * The event lines of a file written by the collector (empty if it does not exist yet), without the
     * ledgers a JSON file also carries (docs/audit.md).
     */
    public static List<String> lines(Path file) throws IOException {
        return allLines(file).stream().filter(l -> !l.contains(LEDGER)).collect(Collectors.toList());
    }

    /** The ledger lines of a file written by the collector. */
    public static List<String> ledgerLines(Path file) throws IOException {
        return allLines(file).stream().filter(l -> l.contains(LEDGER)).collect(Collectors.toList());
    }

    private static List<String> allLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** The message of a JSON line written by JsonFormat (messages in tests need no escaping). */
    public static String message(String line) {
        Matcher m = MESSAGE.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no message in " + line);
        }
        return m.group(1);
    }
}
