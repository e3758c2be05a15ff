package dev.spool.amqp;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child JVM of {@link OneCallSetupIT}: the seed's whole setup in one call, then {@code args[2]} events
 * logged with a dict of fields, as a Loghive or sqlite-worker user writes them. Arguments: url, service,
 * count. Exits 0 when every event was written (confirmed by the broker), 2 otherwise.
 */
public final class OneCallApp {

    private OneCallApp() {
    }

    public static void main(String[] args) {
        Spool.configure(SpoolConfig.amqp(args[1], args[0]));
        Logger log = Spool.logger("app.orders");
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("user_id", 42);
            fields.put("ratio", 0.75);
            fields.put("admin", true);
            fields.put("code", "042");
            fields.put("seq", i);
            log.log(i % 2 == 0 ? Level.INFO : Level.WARN, "order placed", fields);
        }
        log.log(Level.DEBUG, "below the level", Map.of("x", 1));
        PipelineStats stats = Spool.shutdown(Duration.ofSeconds(60));
        System.out.println("stats: " + stats);
        System.exit(stats.droppedTotal() == 0 && stats.destinationFailed() == 0 ? 0 : 2);
    }
}
