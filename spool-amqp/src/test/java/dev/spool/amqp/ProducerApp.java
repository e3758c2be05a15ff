package dev.spool.amqp;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A producer process for the child-JVM tests: logs {@code count} events {@code "p<producer> <seq>"} through
 * a Spool pipeline into an {@code amqp} destination.
 *
 * <p>Arguments: producer index, count, exchange, queue, spool directory, port, mode. Mode {@code deliver}
 * shuts down when everything is confirmed (exit 0, or 2 if anything was dropped); mode {@code spool}
 * prints {@code SPOOLED} once every event is in the disk spool and then waits to be killed.
 */
public final class ProducerApp {

    private ProducerApp() {
    }

    public static void main(String[] args) {
        int producer = Integer.parseInt(args[0]);
        long count = Long.parseLong(args[1]);
        Map<String, String> o = new HashMap<>(TestDestination.options(args[2], args[3], java.nio.file.Path.of(args[4])));
        o.put("port", args[5]);
        o.put("close.timeout", "120s");
        Spool.configure(SpoolConfig.builder().name("producer-" + producer).service("producer-" + producer)
                .shutdownTimeout(Duration.ofSeconds(150)).shutdownHook(false)
                .destination("mq", "amqp", o).route("root", "", Level.INFO, "mq").build());
        Logger log = Spool.logger("it.producer");
        for (long i = 0; i < count; i++) {
            log.info("p{} {}", producer, i);
        }
        if ("spool".equals(args[6])) {
            waitUntilSpooled(count);
            System.out.println("SPOOLED");
            System.out.flush();
            LockSupport.park(); // until killed
        }
        PipelineStats stats = Spool.shutdown(Duration.ofSeconds(150));
        System.out.println("stats: " + stats);
        System.exit(stats.droppedTotal() == 0 && stats.destinationFailed() == 0 ? 0 : 2);
    }

    private static void waitUntilSpooled(long count) {
        Spool.flush(Duration.ofSeconds(60));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> AmqpDestinations.health("mq").orElseThrow().spoolEvents() == count);
    }
}
