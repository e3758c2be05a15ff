package dev.spool.alert;

import dev.spool.Level;
import dev.spool.config.ConfigFile;
import dev.spool.spi.Options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code alert.NAME.*} and {@code alerts.*} keys of a properties file, parsed and validated into rules.
 * Other keys belong to the rest of the consumer's configuration and are left alone. Immutable.
 */
record AlertsConfig(List<AlertRule> rules, int queueCapacity, Duration shutdownTimeout) {

    static final int DEFAULT_QUEUE_CAPACITY = 1000;
    static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private static final Set<String> GLOBAL_KEYS = Set.of("queue.capacity", "shutdown.timeout");
    private static final Set<String> RULE_KEYS = Set.of("enabled", "level", "service", "logger", "count", "window",
            "samples", "groups", "retries", "backoff", "action");
    private static final Set<String> WEBHOOK_KEYS = Set.of("webhook.url", "webhook.timeout", "webhook.header.NAME");
    private static final Set<String> SMTP_KEYS = Set.of("smtp.host", "smtp.port", "smtp.from", "smtp.to",
            "smtp.username", "smtp.password", "smtp.auth", "smtp.starttls", "smtp.tls", "smtp.timeout", "smtp.helo");

    AlertsConfig {
        rules = List.copyOf(rules);
    }

    /**
     * @param raw keys and values as read, before substitution
     * @throws IllegalArgumentException naming the key, the value (masked for credentials) and what is accepted
     */
    static AlertsConfig parse(Map<String, String> raw, Function<String, String> sys, Function<String, String> env) {
        return parse(raw, sys, env, "");
    }

    /** @param keyPrefix put before every key in messages ({@code destination.NAME.} for a destination's keys) */
    static AlertsConfig parse(Map<String, String> raw, Function<String, String> sys, Function<String, String> env,
                              String keyPrefix) {
        Map<String, String> global = new TreeMap<>();
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            String key = e.getKey().trim();
            if (key.startsWith("alerts.")) {
                global.put(key.substring(7), value(keyPrefix + key, e.getValue(), sys, env));
            } else if (key.startsWith("alert.")) {
                String rest = key.substring(6);
                int dot = rest.indexOf('.');
                if (dot <= 0 || dot == rest.length() - 1) {
                    throw new IllegalArgumentException("unknown key '" + keyPrefix + key + "': expected "
                            + keyPrefix + "alert.NAME.OPTION");
                }
                rules.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>())
                        .put(rest.substring(dot + 1), value(keyPrefix + key, e.getValue(), sys, env));
            }
        }
        Options g = new Options(keyPrefix + "alerts.", global).requireOnly(GLOBAL_KEYS);
        int capacity = g.integer("queue.capacity", DEFAULT_QUEUE_CAPACITY, 1, 1_000_000);
        Duration shutdown = g.duration("shutdown.timeout", DEFAULT_SHUTDOWN_TIMEOUT);
        List<AlertRule> parsed = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> r : rules.entrySet()) {
            Options o = new Options(keyPrefix + "alert." + r.getKey() + ".", r.getValue());
            AlertRule rule = rule(r.getKey(), o, keyPrefix);
            if (o.bool("enabled", true)) {
                parsed.add(rule);
            } else {
                rule.action().close();
            }
        }
        return new AlertsConfig(parsed, capacity, shutdown);
    }

    /** {@code sys == null}: the values were substituted already (a spool.properties destination's keys). */
    private static String value(String key, String raw, Function<String, String> sys, Function<String, String> env) {
        return sys == null ? raw.trim() : ConfigFile.substitute(key, raw.trim(), sys, env);
    }

    private static AlertRule rule(String name, Options o, String keyPrefix) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("bad rule name '" + name + "' in keys '" + keyPrefix + "alert." + name
                    + ".*': expected letters, digits, '_' and '-'");
        }
        String action = o.choice("action", null, Set.of("webhook", "smtp"));
        if (action == null) {
            throw new IllegalArgumentException("missing key '" + o.prefix() + "action': expected webhook or smtp");
        }
        checkKeys(o, action);
        Level level = o.level("level", Level.ERROR);
        NameMatcher service = o.has("service") ? NameMatcher.parse(o.prefix() + "service", o.string("service"))
                : NameMatcher.ANY;
        NameMatcher logger = o.has("logger") ? NameMatcher.parse(o.prefix() + "logger", o.string("logger"))
                : NameMatcher.ANY;
        int count = o.integer("count", 1, 1, 1_000_000);
        Duration window = o.duration("window", Duration.ofMinutes(1));
        int samples = o.integer("samples", 5, 0, 100);
        int groups = o.integer("groups", 10, 1, 1000);
        int retries = o.integer("retries", 3, 0, 100);
        Duration backoff = o.duration("backoff", Duration.ofSeconds(1));
        AlertAction act = action.equals("webhook") ? WebhookAction.parse(o) : new SmtpAction(SmtpSettings.parse(o));
        try {
            return new AlertRule(name, level, service, logger, count, window, samples, groups, retries, backoff, act);
        } catch (IllegalArgumentException e) {
            act.close();
            throw e;
        }
    }

    private static void checkKeys(Options o, String action) {
        Set<String> own = action.equals("webhook") ? WEBHOOK_KEYS : SMTP_KEYS;
        for (String key : o.asMap().keySet()) {
            boolean known = RULE_KEYS.contains(key) || own.contains(key)
                    || action.equals("webhook") && key.startsWith("webhook.header.") && key.length() > 15;
            if (!known) {
                Set<String> accepted = new TreeSet<>(RULE_KEYS);
                accepted.addAll(own);
                throw new IllegalArgumentException("unknown key '" + o.prefix() + key + "' for action " + action
                        + ": accepted keys are " + accepted);
            }
        }
    }
}
