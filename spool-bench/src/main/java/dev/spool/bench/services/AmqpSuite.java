package dev.spool.bench.services;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.amqp.AmqpDestinations;
import dev.spool.amqp.AmqpHealth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code amqp} destination into the local RabbitMQ with publisher confirms: one producer thread, a
 * fresh durable queue, the destination's defaults (batches of 1,000 events per message, 256 messages
 * unconfirmed at most). Time from release until the broker had confirmed every event; then the queue is
 * drained and every event looked for in the message bodies.
 */
final class AmqpSuite implements ServiceSuite {

    static final String ID = "amqp";
    static final String SUBJECT = "amqp-confirmed";
    private static final String DESTINATION = "out";

    @Override
    public List<Measurement> run(Path dir, int events, int round) throws Exception {
        String queue = Rabbit.freshName("amqp");
        try {
            Spool.configure(SpoolConfig.builder().name("bench-amqp").jmx(false).shutdownHook(false)
                    .destination(DESTINATION, "amqp", Map.of("host", Rabbit.HOST, "port", Integer.toString(Rabbit.PORT),
                            "exchange", queue, "queue", queue, "maxLength", "10000000",
                            "spool.dir", dir.resolve("spool").toString(), "spool.maxBytes", "4GB"))
                    .route("root", Producers.LOGGERS, Level.INFO, DESTINATION).build());
            long cpu = Stored.processCpuNanos();
            ThreadCpu threads = ThreadCpu.start();
            Producers.Logged logged = Producers.log(1, 0, events);
            long confirmed = awaitConfirmed(events, Duration.ofMinutes(10));
            String split = threads.perEvent(events, logged);
            long nanos = System.nanoTime() - logged.releaseNanos();
            cpu = Stored.processCpuNanos() - cpu;
            AmqpHealth health = AmqpDestinations.health(DESTINATION).orElseThrow();
            PipelineStats stats = Spool.shutdown(Duration.ofMinutes(1));
            Arrivals arrivals = new Arrivals(0, 1, events);
            long messages = Rabbit.drain(queue, arrivals);
            String verdict = confirmed < events ? "TIMED OUT: " + confirmed + "/" + events + " confirmed"
                    : arrivals.verdict().label();
            return List.of(new Measurement(ID, SUBJECT, events, nanos, verdict,
                    confirmed >= events && arrivals.verdict().ok(), Stored.cpuPerEvent(cpu, events) + "; " + split + "; " + messages
                    + " messages (" + arrivals.ledgers() + " ledger record(s)); published " + health.publishedEvents()
                    + ", resent " + health.resentEvents()
                    + ", nacked messages " + health.nackedMessages() + "; written " + stats.written()));
        } finally {
            Rabbit.delete(queue);
        }
    }

    /** Waits (bounded) until the broker confirmed {@code events}; returns how many it confirmed. */
    static long awaitConfirmed(long events, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long confirmed = 0;
        while (System.nanoTime() < deadline) {
            confirmed = AmqpDestinations.health(DESTINATION).map(AmqpHealth::confirmedEvents).orElse(0L);
            if (confirmed >= events) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // sampling a counter
        }
        return confirmed;
    }
}
