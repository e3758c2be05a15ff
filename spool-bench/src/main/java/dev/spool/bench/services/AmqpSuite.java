package dev.spool.bench.services;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.amqp.AmqpDestinations;
import dev.spool.amqp.AmqpHealth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code amqp} destination into the local RabbitMQ with publisher confirms: one producer thread, a
 * fresh durable queue, the destination's defaults. Time from release until the broker had confirmed every
 * event; then the queue is drained and every event looked for in the message bodies (gunzipped when
 * compressed). The note has this JVM's and the broker's ({@code beam.smp}, from {@code /proc}) CPU per
 * event.
 *
 * <p>To measure other destination options, set {@value #OPTIONS_ENV} to {@code key=value} pairs separated
 * by commas (for example {@code batch.maxEvents=4000,batch.maxBytes=1MB}): they are added to the
 * destination's configuration and the run's subject names them, so such a run is never judged as the
 * defaults.
 */
final class AmqpSuite implements ServiceSuite {

    static final String ID = "amqp";
    static final String SUBJECT = "amqp-confirmed";
    /** Environment variable with extra destination options for this suite's runs (experiments). */
    static final String OPTIONS_ENV = "SPOOL_BENCH_AMQP_OPTIONS";
    private static final String DESTINATION = "out";

    @Override
    public List<Measurement> run(Path dir, int events, int round) throws Exception {
        String queue = Rabbit.freshName("amqp");
        Map<String, String> extra = extraOptions(System.getenv(OPTIONS_ENV));
        Map<String, String> options = new LinkedHashMap<>(Map.of("host", Rabbit.HOST, "port",
                Integer.toString(Rabbit.PORT), "exchange", queue, "queue", queue, "maxLength", "10000000",
                "spool.dir", dir.resolve("spool").toString(), "spool.maxBytes", "4GB"));
        options.putAll(extra);
        String subject = extra.isEmpty() ? SUBJECT : SUBJECT + "[" + String.join(",", extra.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()) + "]";
        try {
            Spool.configure(SpoolConfig.builder().name("bench-amqp").jmx(false).shutdownHook(false)
                    .destination(DESTINATION, "amqp", options)
                    .route("root", Producers.LOGGERS, Level.INFO, DESTINATION).build());
            long cpu = Stored.processCpuNanos();
            double broker = OtherProcesses.brokerSeconds();
            ThreadCpu threads = ThreadCpu.start();
            NativeThreads kernel = NativeThreads.start();
            Producers.Logged logged = Producers.log(1, 0, events);
            long loggedNanos = System.nanoTime() - logged.releaseNanos();
            long confirmed = awaitConfirmed(events, Duration.ofMinutes(10));
            String split = threads.perEvent(events, logged) + "; " + kernel.perEvent(events);
            long nanos = System.nanoTime() - logged.releaseNanos();
            cpu = Stored.processCpuNanos() - cpu;
            broker = OtherProcesses.brokerSeconds() - broker;
            AmqpHealth health = AmqpDestinations.health(DESTINATION).orElseThrow();
            PipelineStats stats = Spool.shutdown(Duration.ofMinutes(1));
            Arrivals arrivals = new Arrivals(0, 1, events);
            Rabbit.Drained drained = Rabbit.drain(queue, arrivals);
            String verdict = confirmed < events ? "TIMED OUT: " + confirmed + "/" + events + " confirmed"
                    : arrivals.verdict().label();
            return List.of(new Measurement(ID, subject, events, nanos, verdict,
                    confirmed >= events && arrivals.verdict().ok(), Stored.cpuPerEvent(cpu, events) + "; " + split
                    + String.format(Locale.ROOT, "; broker %.2f µs CPU/event (/proc, 10 ms ticks)", broker * 1e6 / events)
                    + String.format(Locale.ROOT, "; producer returned after %.2f s of %.2f s", loggedNanos / 1e9,
                    nanos / 1e9) + "; " + drained.messages() + " messages of " + drained.bodyBytes() / Math.max(1, drained.messages())
                    + " body bytes on average (" + arrivals.ledgers() + " ledger record(s)); published " + health.publishedEvents()
                    + ", resent " + health.resentEvents()
                    + ", nacked messages " + health.nackedMessages() + "; written " + stats.written()));
        } finally {
            Rabbit.delete(queue);
        }
    }

    /** {@code key=value,key=value} (null or blank: none), in the order given. */
    static Map<String, String> extraOptions(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String pair : spec.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(OPTIONS_ENV + ": expected key=value pairs separated by commas, got '"
                        + pair + "'");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
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
