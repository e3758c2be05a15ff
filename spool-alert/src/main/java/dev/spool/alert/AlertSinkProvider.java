package dev.spool.alert;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code alert} destination: alert rules (docs/alerts.md) applied to the events a route sends it, in an
 * application, a collector or a consumer. The rules come from a file ({@code destination.NAME.rules = FILE},
 * the format of docs/alerts.md) or from the destination's own keys, each an alert file key with
 * {@code destination.NAME.} in front ({@code destination.NAME.alert.fatal.level = FATAL}); not both.
 */
public final class AlertSinkProvider implements SinkProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public AlertSinkProvider() {
    }

    @Override
    public String type() {
        return "alert";
    }

    /** Reads and checks every rule now (file and keys), so a mistake fails when the configuration is read. */
    @Override
    public SinkFactory configure(Options options) {
        Map<String, String> inline = new TreeMap<>();
        for (Map.Entry<String, String> e : options.asMap().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("alert.") || key.startsWith("alerts.")) {
                inline.put(key, e.getValue());
            } else if (!key.equals("rules") && !key.equals("level")) { // level: the pipeline's threshold
                throw new IllegalArgumentException("unknown key '" + options.prefix() + key
                        + "' for type alert: accepted keys are rules, level, alert.RULE.OPTION and alerts.OPTION"
                        + " (docs/alerts.md)");
            }
        }
        String rules = options.string("rules", null);
        if (rules != null && !inline.isEmpty()) {
            throw new IllegalArgumentException("key '" + options.prefix() + "rules' and keys '" + options.prefix()
                    + "alert*.*' are both set: put the rules in the file or in the keys, not both");
        }
        if (rules == null && inline.isEmpty()) {
            throw new IllegalArgumentException("missing key '" + options.prefix() + "rules' (a file of alert rules)"
                    + " or keys '" + options.prefix() + "alert.RULE.OPTION': an alert destination needs rules");
        }
        if (rules != null) {
            Path file = Path.of(rules.trim());
            if (!Files.isRegularFile(file)) {
                throw options.bad("rules", rules, "a readable file of alert rules (relative to the working directory)");
            }
            closeActions(Alerts.readFile(file)); // checked now; read again when the pipeline starts
            return context -> new AlertSink(Alerts.start(Alerts.readFile(file)));
        }
        String prefix = options.prefix();
        closeActions(Alerts.check(inline, prefix));
        return context -> new AlertSink(Alerts.start(Alerts.check(inline, prefix)));
    }

    private static void closeActions(AlertsConfig config) {
        config.rules().forEach(r -> r.action().close());
    }
}
