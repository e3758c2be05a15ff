package dev.spool.bench.services;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.consumer.Consumer;
import dev.spool.consumer.ConsumerSettings;
import dev.spool.consumer.ConsumerStats;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end through the local RabbitMQ into the local PostgreSQL: one producer thread logging through the
 * {@code amqp} destination, and a consumer with {@value #WORKERS} workers (its defaults otherwise: batches
 * of 1,000 events, COPY into the table) committing into a fresh database. Time from release until the
 * consumer had committed every event; then every stored message is read back. Producer, broker, consumer
 * and database share the machine, as in docs/BENCHMARKS.md's earlier runs of this chain.
 */
final class RabbitPostgresSuite implements ServiceSuite {

    static final String ID = "rabbit-pg";
    static final String SUBJECT = "rabbitmq-postgres-2-workers";
    static final int WORKERS = 2;
    /**
     * Extra parameters for the consumer's store URL (e.g. {@code ingest=binary&indexes=none}), so that two
     * store settings can be compared run against run with one build; empty: the writer's defaults.
     */
    static final String STORE_PARAMETERS_ENV = "SPOOL_BENCH_PG_PARAMS";

    @Override
    public List<Measurement> run(Path dir, int events, int round) throws Exception {
        String name = Rabbit.freshName("pg");
        String store = Postgres.createDatabase();
        try {
            ConsumerSettings settings = ConsumerSettings.builder()
                    .amqpUri("amqp://guest:guest@" + Rabbit.HOST + ":" + Rabbit.PORT + "/%2f")
                    .queue(name).exchange(name).store(withParameters(store)).workers(WORKERS).build();
            try (Consumer consumer = Consumer.start(settings)) {
                awaitConsumers(name, WORKERS);
                Spool.configure(SpoolConfig.builder().name("bench-rabbit-pg").jmx(false).shutdownHook(false)
                        .destination("mq", "amqp", Map.of("host", Rabbit.HOST, "port", Integer.toString(Rabbit.PORT),
                                "exchange", name, "queue", name, "spool.dir", dir.resolve("spool").toString()))
                        .route("root", Producers.LOGGERS, Level.INFO, "mq").build());
                long cpu = Stored.processCpuNanos();
                double broker = OtherProcesses.brokerSeconds();
                List<Long> backends = OtherProcesses.backends(store);
                double database = OtherProcesses.seconds(backends);
                ThreadCpu threads = ThreadCpu.start();
                NativeThreads kernel = NativeThreads.start(); // the JIT compilers and GC threads too
                Producers.Logged logged = Producers.log(1, 0, events);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
                while (committed(consumer.stats()) < events && System.nanoTime() < deadline
                        && consumer.fatalError() == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // sampling a counter
                }
                long nanos = System.nanoTime() - logged.releaseNanos();
                cpu = Stored.processCpuNanos() - cpu;
                String split = threads.perEvent(events, logged) + "; " + kernel.perEvent(events);
                String others = String.format(java.util.Locale.ROOT,
                        "broker %.2f, PostgreSQL backends %.2f µs CPU/event (/proc, 10 ms ticks)",
                        (OtherProcesses.brokerSeconds() - broker) * 1e6 / events,
                        (OtherProcesses.seconds(backends) - database) * 1e6 / events);
                PipelineStats sent = Spool.shutdown(Duration.ofMinutes(1));
                ConsumerStats stats = consumer.stats();
                consumer.close();
                Arrivals arrivals = new Arrivals(0, 1, events);
                try (java.sql.Connection c = Postgres.connect(store); Statement s = c.createStatement()) {
                    s.setFetchSize(10_000);
                    c.setAutoCommit(false); // a cursor, not the whole table in memory
                    try (ResultSet rows = s.executeQuery("SELECT message FROM logs")) {
                        while (rows.next()) {
                            arrivals.scan(rows.getString(1));
                        }
                    }
                }
                boolean committed = committed(stats) >= events;
                String verdict = committed ? arrivals.verdict().label() : "TIMED OUT: " + committed(stats) + "/"
                        + events + " committed" + (consumer.fatalError() == null ? "" : " (" + consumer.fatalError() + ")");
                return List.of(new Measurement(ID, SUBJECT, events, nanos, verdict, committed && arrivals.verdict().ok(),
                        Stored.cpuPerEvent(cpu, events) + " (producer and consumer); " + split + "; " + others + "; "
                        + "store " + (storeParameters().isEmpty() ? "defaults" : storeParameters()) + ", stored "
                        + stats.eventsStored() + ", duplicates " + stats.duplicates() + ", batches "
                        + stats.batches() + ", messages " + stats.messages() + "; producer written " + sent.written()));
            }
        } finally {
            Rabbit.delete(name);
            Postgres.dropDatabase(store);
        }
    }

    private static String storeParameters() {
        return System.getenv().getOrDefault(STORE_PARAMETERS_ENV, "");
    }

    private static String withParameters(String store) {
        return storeParameters().isEmpty() ? store : store + "?" + storeParameters();
    }

    private static long committed(ConsumerStats stats) {
        return stats.eventsStored() + stats.duplicates();
    }

    /** Waits (bounded) until the broker lists the consumer's workers on the queue, so nothing is unroutable. */
    private static void awaitConsumers(String queue, int workers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = Rabbit.connect()) {
            while (true) {
                try (Channel ch = c.createChannel()) {
                    if (ch.queueDeclarePassive(queue).getConsumerCount() >= workers) {
                        return;
                    }
                } catch (java.io.IOException | com.rabbitmq.client.ShutdownSignalException notDeclaredYet) {
                    // the broker closed the channel: the consumer has not declared the queue yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the consumer's " + workers + " workers were not on " + queue
                            + " within 60 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling the broker's consumer count
            }
        }
    }
}
