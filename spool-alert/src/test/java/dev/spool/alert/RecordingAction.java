package dev.spool.alert;

import dev.spool.Level;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An action that keeps what it is given, for tests that do not need a receiver. */
final class RecordingAction implements AlertAction {

    final List<Notification> delivered = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(AlertRule rule, Notification notification) {
        delivered.add(notification);
    }

    @Override
    public String target() {
        return "recording";
    }

    static AlertRule rule(String name, int count, Duration window) {
        return new AlertRule(name, Level.ERROR, NameMatcher.ANY, NameMatcher.ANY, count, window, 3, 4, 0,
                Duration.ZERO, new RecordingAction());
    }
}
