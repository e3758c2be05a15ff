package dev.spool.consumer;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A producer process (child JVM) for the end-to-end tests: logs events through a Spool pipeline into an
 * {@code amqp} destination with its own spool directory, as an application on another host would.
 *
 * <p>Arguments: producer index, exchange, queue, spool directory. Prints {@value #READY} once Spool is
 * configured, then takes commands, one per line on stdin:
 * <ul>
 *   <li>{@code log N}: logs the next N events {@code "event"} with fields {@code producer} (this index) and
 *       {@code seq} (0, 1, 2, ... across commands), then prints {@code LOGGED <total so far>};</li>
 *   <li>{@code marker NAME}: logs one event {@code "marker"} with field {@code marker = NAME}, prints
 *       {@code MARKED NAME};</li>
 *   <li>{@code exit} (or end of input): shuts Spool down, sending what is spooled (up to 150 s), prints
 *       {@code CPU <nanoseconds this JVM has used>} and {@code EXIT <stats>}, and exits 0, or 2 if any event was
 *       dropped.</li>
 * </ul>
 * "Logged" means handed to the pipeline and flushed to the destination: from there the disk spool owns it.
 */
public final class ProducerProcess {

    static final String READY = "READY";
    static final String CPU = "CPU";

    private ProducerProcess() {
    }

    /** The destination options of a test producer: short reconnect backoff so faults heal quickly. */
    static Map<String, String> destination(String exchange, String queue, String spoolDir) {
        return Map.of("host", "127.0.0.1", "port", "5672", "exchange", exchange, "queue", queue,
                "spool.dir", spoolDir, "reconnect.minDelay", "200ms", "reconnect.maxDelay", "2s",
                "heartbeat", "5s", "close.timeout", "150s", "batch.maxDelay", "50ms");
    }

    public static void main(String[] args) throws IOException {
        int producer = Integer.parseInt(args[0]);
        Spool.configure(SpoolConfig.builder().name("producer-" + producer).service("producer-" + producer)
                .jmx(false).shutdownHook(false).shutdownTimeout(Duration.ofSeconds(150))
                .destination("mq", "amqp", destination(args[1], args[2], args[3]))
                .route("root", "", Level.INFO, "mq").build());
        Logger log = Spool.logger("it.producer");
        reply(READY);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long seq = 0;
        for (String line = commands.readLine(); line != null && !line.equals("exit"); line = commands.readLine()) {
            String[] command = line.split(" ");
            if (command[0].equals("log")) {
                for (long end = seq + Long.parseLong(command[1]); seq < end; seq++) {
                    log.atInfo().kv("producer", producer).kv("seq", seq).log("event");
                }
                Spool.flush(Duration.ofSeconds(60));
                reply("LOGGED " + seq);
            } else if (command[0].equals("marker")) {
                log.atInfo().kv("marker", command[1]).log("marker");
                Spool.flush(Duration.ofSeconds(60));
                reply("MARKED " + command[1]);
            } else {
                reply("UNKNOWN " + line + " (accepted: log N, marker NAME, exit)");
            }
        }
        PipelineStats stats = Spool.shutdown(Duration.ofSeconds(150));
        reply(CPU + " " + ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime());
        reply("EXIT " + stats);
        System.exit(stats.droppedTotal() == 0 && stats.destinationFailed() == 0 ? 0 : 2);
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
