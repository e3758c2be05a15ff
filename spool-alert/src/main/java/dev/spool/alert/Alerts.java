package dev.spool.alert;

import dev.spool.Level;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Alert rules applied to events: the consumer {@link #offer}s every event it has committed, the {@code alert}
 * destination ({@link AlertSinkProvider}) every event its pipeline routes to it; a rule whose condition holds
 * makes a notification that one daemon thread ({@code spool-alerts-1}) sends
 * to a webhook or over SMTP. docs/alerts.md describes the rules and their keys.
 *
 * <p>Thread-safe. {@link #offer} never performs I/O, never waits for the sender and never throws.
 */
public final class Alerts implements AutoCloseable {

    /** No rules: {@link #offer} returns at once, nothing is started. */
    public static final Alerts NONE = new Alerts(new ActiveRule[0], null, Clock.systemUTC());

    /** How often the sender closes ended windows when it has nothing to send. */
    static final Duration TICK = Duration.ofMillis(250);

    private final ActiveRule[] rules;
    private final Sender sender;
    private final Clock clock;
    private final Level minLevel;
    private volatile boolean closed;

    private Alerts(ActiveRule[] rules, Sender sender, Clock clock) {
        this.rules = rules;
        this.sender = sender;
        this.clock = clock;
        Level min = null;
        for (ActiveRule r : rules) {
            if (min == null || !r.rule.level().isAtLeast(min)) {
                min = r.rule.level();
            }
        }
        this.minLevel = min;
    }

    /**
     * Reads the {@code alert.*} and {@code alerts.*} keys of a properties file (UTF-8), with {@code ${sys:}}
     * and {@code ${env:}} substitution; other keys are ignored. Starts the sender when there are rules.
     *
     * @throws IllegalArgumentException naming the file, the key, the value and what is accepted
     */
    public static Alerts load(Path propertiesFile) {
        return start(readFile(propertiesFile), Clock.systemUTC(), TICK);
    }

    /** Reads and checks a rules file (as {@link #load}) without starting anything. */
    static AlertsConfig readFile(Path propertiesFile) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read alert configuration " + propertiesFile + ": " + e, e);
        }
        try {
            return AlertsConfig.parse(toMap(p), System::getProperty, System::getenv);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(propertiesFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #load}, from properties already read; {@code env} resolves {@code ${env:NAME}}.
     *
     * @throws IllegalArgumentException naming the key, the value and what is accepted
     */
    public static Alerts fromProperties(Properties properties, Function<String, String> env) {
        return start(AlertsConfig.parse(toMap(properties), System::getProperty, env), Clock.systemUTC(), TICK);
    }

    /**
     * Checks alert keys whose values are already substituted (a destination's keys in spool.properties:
     * {@code alert.NAME.*} and {@code alerts.*}, without the {@code destination.NAME.} prefix) and returns
     * the configuration, starting nothing.
     *
     * @throws IllegalArgumentException naming the key, the value and what is accepted
     */
    static AlertsConfig check(Map<String, String> substituted, String keyPrefix) {
        return AlertsConfig.parse(substituted, null, null, keyPrefix);
    }

    static Alerts start(AlertsConfig config) {
        return start(config, Clock.systemUTC(), TICK);
    }

    static Alerts start(AlertsConfig config, Clock clock, Duration tick) {
        if (config.rules().isEmpty()) {
            return NONE;
        }
        List<ActiveRule> active = new ArrayList<>();
        for (AlertRule r : config.rules()) {
            active.add(new ActiveRule(r));
        }
        ActiveRule[] rules = active.toArray(new ActiveRule[0]);
        Sender sender = new Sender(rules, config.queueCapacity(), clock, tick, config.shutdownTimeout());
        sender.start();
        return new Alerts(rules, sender, clock);
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> map = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            map.put(key, p.getProperty(key));
        }
        return map;
    }

    /**
     * Applies every rule to one event. Copies what a notification needs; keeps no reference to
     * {@code event}. Takes each matching rule's lock briefly; performs no I/O; never throws.
     */
    public void offer(LogEvent event) {
        if (minLevel == null || event == null || closed) {
            return;
        }
        try {
            Level level = event.level();
            if (level == null || !level.isAtLeast(minLevel)) {
                return;
            }
            String service = event.resource() == null ? null : event.resource().service();
            String logger = event.logger();
            long now = Long.MIN_VALUE;
            for (ActiveRule r : rules) {
                if (!r.rule.matches(level, service, logger)) {
                    continue;
                }
                if (now == Long.MIN_VALUE) {
                    now = clock.millis();
                }
                Notification n = r.window.match(event, now);
                if (n != null) {
                    sender.submit(r, n);
                }
            }
        } catch (RuntimeException e) {
            Diagnostics.warn("alerts.offer", "alerts: an event could not be checked against the rules", e);
        }
    }

    /** A snapshot of every rule's counters, in configuration order. Thread-safe. */
    public AlertStats stats() {
        List<AlertStats.RuleStats> list = new ArrayList<>(rules.length);
        for (ActiveRule r : rules) {
            list.add(r.counters.snapshot(r.rule.name()));
        }
        return new AlertStats(list);
    }

    /**
     * Sends digests of what the rate limit still holds back, delivers what is queued for up to
     * {@code alerts.shutdown.timeout}, then stops the sender; what is left is counted as failed.
     * Events offered after {@code close} are ignored. Idempotent; {@link #NONE}'s does nothing.
     */
    @Override
    public void close() {
        if (sender == null) {
            return;
        }
        closed = true;
        sender.close();
        for (ActiveRule r : rules) {
            r.rule.action().close();
        }
    }
}
