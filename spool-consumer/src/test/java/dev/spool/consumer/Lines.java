package dev.spool.consumer;

import dev.spool.EventId;

import java.nio.charset.StandardCharsets;

/** JSON Lines bodies of test events: event {@code (producer, seq)} has id {@code (producer + 1, seq)}. */
final class Lines {

    private Lines() {
    }

    static String id(int producer, long seq) {
        return EventId.toString(producer + 1L, seq);
    }

    static String line(int producer, long seq) {
        return "{\"v\":1,\"id\":\"" + id(producer, seq) + "\",\"ts\":\"2026-11-22T02:00:00.000001Z\",\"level\":\"INFO\","
                + "\"logger\":\"test\",\"message\":\"p" + producer + " " + seq + "\",\"service\":\"svc\",\"host\":\"h\",\"pid\":1}";
    }

    /** Events {@code from..to-1} of {@code producer}, one line each. */
    static byte[] body(int producer, long from, long to) {
        StringBuilder b = new StringBuilder();
        for (long i = from; i < to; i++) {
            b.append(line(producer, i)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
