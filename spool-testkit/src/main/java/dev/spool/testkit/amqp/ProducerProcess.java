package dev.spool.testkit.amqp;

import dev.spool.DestinationStats;
import dev.spool.EventId;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.config.ConfigFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * A producer process (child JVM) for the end-to-end tests: logs events through a Spool pipeline into an
 * {@code amqp} destination named {@value #DESTINATION} with its own spool directory, as an application on
 * another host would. The class path must hold {@code spool-amqp}.
 *
 * <p>Arguments: producer index, exchange, queue, spool directory, then any number of {@code KEY=VALUE}
 * configuration properties (docs/configuration.md) that replace or add to the defaults: the broker's address
 * ({@code destination.mq.host}, {@code destination.mq.port}; default {@value Broker#HOST}:{@value Broker#PORT}),
 * {@code ledger.interval}, {@code queue.capacity}, {@code route.root.overflow}... Prints {@code NODE <node>}
 * (the node part of its event ids, docs/audit.md) and then {@value #READY} once Spool is configured, then
 * takes commands, one per line on stdin:
 * <ul>
 *   <li>{@code log N}: logs the next N events {@code "event"} with fields {@code producer} (this index) and
 *       {@code seq} (0, 1, 2, ... across commands), then prints {@code LOGGED <total so far>};</li>
 *   <li>{@code marker NAME}: logs one event {@code "marker"} with field {@code marker = NAME}, prints
 *       {@code MARKED NAME};</li>
 *   <li>{@code exit} (or end of input): shuts Spool down, sending what is spooled (up to 150 s), prints
 *       {@code CPU <nanoseconds this JVM has used>}, {@code SENT <events the destination took>},
 *       {@code DROPPED <reason=count, ...>} and {@code EXIT <stats>}, and exits 0, or 2 if any event was
 *       dropped or refused.</li>
 * </ul>
 * "Logged" means handed to the pipeline and flushed to the destination: from there the disk spool owns it
 * (unless the overflow policy dropped it).
 */
public final class ProducerProcess {

    /** The line printed once Spool is configured. */
    public static final String READY = "READY";
    /** The start of the line giving the JVM's CPU time at exit. */
    public static final String CPU = "CPU";
    /** The start of the line giving the node of the producer's event ids. */
    public static final String NODE = "NODE";
    /** The start of the line giving, at exit, how many events the destination took. */
    public static final String SENT = "SENT";
    /** The start of the line giving, at exit, the events dropped by reason ({@code {queue_full=12}}). */
    public static final String DROPPED = "DROPPED";
    /** The name of the {@code amqp} destination, for {@code destination.mq.*} properties. */
    public static final String DESTINATION = "mq";

    private ProducerProcess() {
    }

    /** The configuration of producer {@code index}: short reconnect backoff so faults heal quickly. */
    static Properties configuration(String index, String exchange, String queue, String spoolDir) {
        Properties p = new Properties();
        p.setProperty("name", "producer-" + index);
        p.setProperty("service", "producer-" + index);
        p.setProperty("jmx", "false");
        p.setProperty("shutdown.hook", "false");
        p.setProperty("shutdown.timeout", "150s");
        String d = "destination." + DESTINATION + ".";
        p.setProperty(d + "type", "amqp");
        p.setProperty(d + "host", Broker.HOST);
        p.setProperty(d + "port", Integer.toString(Broker.PORT));
        p.setProperty(d + "exchange", exchange);
        p.setProperty(d + "queue", queue);
        p.setProperty(d + "spool.dir", spoolDir);
        p.setProperty(d + "reconnect.minDelay", "200ms");
        p.setProperty(d + "reconnect.maxDelay", "2s");
        p.setProperty(d + "heartbeat", "5s");
        p.setProperty(d + "close.timeout", "150s");
        p.setProperty(d + "batch.maxDelay", "50ms");
        p.setProperty("route.root.level", "INFO");
        p.setProperty("route.root.destinations", DESTINATION);
        return p;
    }

    public static void main(String[] args) throws IOException {
        int producer = Integer.parseInt(args[0]);
        Properties config = configuration(args[0], args[1], args[2], args[3]);
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument " + (i + 1) + " '" + args[i] + "': expected KEY=VALUE");
            }
            config.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Spool.configure(ConfigFile.parse(config));
        Logger log = Spool.logger("it.producer");
        reply(NODE + " " + EventId.localNodeText());
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
        reply(SENT + " " + stats.destinations().stream().filter(s -> s.name().equals(DESTINATION))
                .mapToLong(DestinationStats::written).sum());
        reply(DROPPED + " " + stats.dropped());
        reply("EXIT " + stats);
        System.exit(stats.droppedTotal() == 0 && stats.destinationFailed() == 0 ? 0 : 2);
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
