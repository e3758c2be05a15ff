package dev.spool.test;

import dev.spool.Level;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A fluent assertion over a test's captured events: criteria narrow the events, a count ends it and
 * throws {@link AssertionError} listing what was captured when it does not hold.
 *
 * <pre>{@code
 * logs.expect().level(Level.ERROR).messageContaining("payment").exception(IOException.class).once();
 * logs.expect().level(Level.DEBUG).none();
 * }</pre>
 *
 * Not thread-safe; one expectation per statement.
 */
public final class EventExpectation {

    private final LogCapture capture;
    private final List<String> described = new ArrayList<>();
    private Predicate<CapturedEvent> test = event -> true;

    EventExpectation(LogCapture capture) {
        this.capture = capture;
    }

    public EventExpectation level(Level level) {
        return where("level " + level, e -> e.level() == level);
    }

    /** The logger's exact name. */
    public EventExpectation logger(String name) {
        return where("logger '" + name + "'", e -> e.logger().equals(name));
    }

    /** The exact formatted message. */
    public EventExpectation message(String message) {
        return where("message '" + message + "'", e -> e.message().equals(message));
    }

    public EventExpectation messageContaining(String part) {
        return where("message containing '" + part + "'", e -> e.message().contains(part));
    }

    /** A field with this value; numbers compare by value, so {@code 42}, {@code 42L} and {@code 42.0} match. */
    public EventExpectation field(String key, Object value) {
        return where("field " + key + "=" + value, e -> e.fields().containsKey(key) && same(e.fields().get(key), value));
    }

    public EventExpectation hasField(String key) {
        return where("field " + key, e -> e.fields().containsKey(key));
    }

    /** A context entry with this value. */
    public EventExpectation context(String key, String value) {
        return where("context " + key + "=" + value, e -> Objects.equals(e.context().get(key), value));
    }

    /** An exception of this type (or a subtype). */
    public EventExpectation exception(Class<? extends Throwable> type) {
        return where("exception " + type.getName(), e -> type.isInstance(e.exception()));
    }

    public EventExpectation exceptionMessage(String message) {
        return where("exception message '" + message + "'",
                e -> e.exception() != null && Objects.equals(e.exception().getMessage(), message));
    }

    /** Any other criterion, described by {@code description} in failure messages. */
    public EventExpectation matching(String description, Predicate<CapturedEvent> criterion) {
        return where(description, criterion);
    }

    /** Passes when exactly one event matches; returns it. */
    public CapturedEvent once() {
        return times(1).get(0);
    }

    /** Passes when exactly {@code count} events match; returns them. */
    public List<CapturedEvent> times(int count) {
        return check(count, false);
    }

    /** Passes when at least one event matches; returns the first. */
    public CapturedEvent exists() {
        return check(1, true).get(0);
    }

    /** Passes when no event matches. */
    public void none() {
        check(0, false);
    }

    private EventExpectation where(String description, Predicate<CapturedEvent> criterion) {
        described.add(description);
        test = test.and(criterion);
        return this;
    }

    private List<CapturedEvent> check(int count, boolean atLeast) {
        List<CapturedEvent> all = capture.events();
        List<CapturedEvent> matched = new ArrayList<>();
        for (CapturedEvent event : all) {
            if (test.test(event)) {
                matched.add(event);
            }
        }
        boolean ok = atLeast ? matched.size() >= count : matched.size() == count;
        if (!ok) {
            throw new AssertionError(failure(count, atLeast, matched.size(), all));
        }
        return matched;
    }

    private String failure(int count, boolean atLeast, int found, List<CapturedEvent> all) {
        StringBuilder text = new StringBuilder("expected ").append(atLeast ? "at least " : "exactly ").append(count)
                .append(count == 1 ? " event" : " events");
        if (!described.isEmpty()) {
            text.append(" with ").append(String.join(", ", described));
        }
        text.append("; found ").append(found).append(" among ").append(all.size()).append(" captured");
        long overflowed = capture.overflowed();
        if (overflowed > 0) {
            text.append(" (").append(overflowed).append(" more not kept: maxEvents reached)");
        }
        text.append(all.isEmpty() ? "" : ":");
        for (CapturedEvent event : all) {
            text.append("\n  ").append(event);
        }
        return text.toString();
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof Number && expected instanceof Number) {
            try {
                return new BigDecimal(actual.toString()).compareTo(new BigDecimal(expected.toString())) == 0;
            } catch (NumberFormatException e) {
                return actual.toString().equals(expected.toString()); // NaN, Infinity
            }
        }
        return Objects.equals(actual, expected);
    }
}
