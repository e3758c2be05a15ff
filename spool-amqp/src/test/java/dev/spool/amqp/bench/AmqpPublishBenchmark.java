package dev.spool.amqp.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.amqp.AmqpDestinations;
import dev.spool.amqp.AmqpHealth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Events per second into the real broker with publisher confirms:
 * <ol>
 *   <li>Spool's batched {@code amqp} destination, fed by 1 and by 4 logging threads;</li>
 *   <li>the naive design, one event per message with confirms (256 outstanding per thread), 1 and 4 threads;</li>
 *   <li>replay of a spool of {@code replayEvents} events filled while the broker was unreachable.</li>
 * </ol>
 * Arguments: {@code [batchedEvents=1000000] [naiveEvents=200000] [replayEvents=1000000]}. Uses queues named
 * {@code bench.*} on 127.0.0.1:5672 and deletes them afterwards.
 */
public final class AmqpPublishBenchmark {

    private static final String LINE = "{\"v\":1,\"id\":\"0000000000000000000000000000000%d\",\"ts\":\"2026-11-22T00:00:00.000000Z\","
            + "\"level\":\"INFO\",\"logger\":\"bench\",\"thread\":\"t\",\"thread_id\":1,\"message\":\"event %d\","
            + "\"service\":\"bench\",\"host\":\"h\",\"pid\":1}\n";

    private AmqpPublishBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long batched = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long naive = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        long replay = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Path work = Files.createTempDirectory("spool-amqp-bench");
        for (int threads : new int[] {1, 4}) {
            report("batched destination, " + threads + " thread(s)", batched, batched(work, threads, batched));
            report("one event per message, " + threads + " thread(s)", naive, naive(threads, naive));
        }
        report("replay of a " + replay + "-event spool", replay, replay(work, replay));
    }

    private static void report(String what, long events, long nanos) {
        System.out.printf("%-45s %,12d events in %7.2f s = %,10.0f events/s%n", what, events, nanos / 1e9,
                events * 1e9 / nanos);
    }

    private static Map<String, String> options(String queue, Path spool, int port) {
        Map<String, String> o = new HashMap<>();
        o.put("port", Integer.toString(port));
        o.put("exchange", queue);
        o.put("queue", queue);
        o.put("maxLength", "10000000");
        o.put("spool.dir", spool.toString());
        o.put("spool.maxBytes", "4GB");
        o.put("close.timeout", "1s");
        return o;
    }

    private static void configure(String queue, Path spool, int port) {
        Spool.configure(SpoolConfig.builder().name(queue).service("bench").shutdownHook(false)
                .destination("bench", "amqp", options(queue, spool, port)).route("root", "", Level.INFO, "bench").build());
    }

    /** Logs {@code events} from {@code threads} threads; nanoseconds until the broker confirmed them all. */
    private static long batched(Path work, int threads, long events) throws Exception {
        String queue = "bench.batched" + threads;
        deleteQueue(queue);
        configure(queue, work.resolve(queue), 5672);
        long start = System.nanoTime();
        List<Thread> loggers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Logger log = Spool.logger("bench.t" + t);
            long share = events / threads;
            Thread thread = new Thread(() -> {
                for (long i = 0; i < share; i++) {
                    log.info("event {}", i);
                }
            });
            thread.start();
            loggers.add(thread);
        }
        for (Thread thread : loggers) {
            thread.join();
        }
        awaitConfirmed(events / threads * threads);
        long nanos = System.nanoTime() - start;
        Spool.shutdown(Duration.ofSeconds(30));
        deleteQueue(queue);
        return nanos;
    }

    private static void awaitConfirmed(long events) {
        while (AmqpDestinations.health("bench").map(AmqpHealth::confirmedEvents).orElse(0L) < events) {
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** One message per event, confirms bounded at 256 outstanding per thread. */
    private static long naive(int threads, long events) throws Exception {
        String queue = "bench.naive" + threads;
        deleteQueue(queue);
        ConnectionFactory f = new ConnectionFactory();
        List<Thread> publishers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long share = events / threads;
            Thread thread = new Thread(() -> publishEach(f, queue, share));
            thread.start();
            publishers.add(thread);
        }
        for (Thread thread : publishers) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        deleteQueue(queue);
        return nanos;
    }

    private static void publishEach(ConnectionFactory f, String queue, long events) {
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(queue, BuiltinExchangeType.TOPIC, true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, queue, "#");
            ch.confirmSelect();
            Semaphore window = new Semaphore(256);
            long[] confirmedUpTo = {0}; // confirm callbacks run on one client thread
            com.rabbitmq.client.ConfirmCallback release = (seq, multiple) -> {
                window.release((int) (multiple ? seq - confirmedUpTo[0] : 1));
                confirmedUpTo[0] = Math.max(confirmedUpTo[0], seq);
            };
            ch.addConfirmListener(release, release);
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
            for (long i = 0; i < events; i++) {
                window.acquire();
                ch.basicPublish(queue, "bench.INFO", true, props, String.format(LINE, i, i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(120_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fills a spool with the broker unreachable, then times its delivery once the broker is reachable. */
    private static long replay(Path work, long events) throws Exception {
        String queue = "bench.replay";
        deleteQueue(queue);
        Path spool = work.resolve(queue);
        configure(queue, spool, 1); // nothing listens on port 1
        Logger log = Spool.logger("bench.replay");
        for (long i = 0; i < events; i++) {
            log.info("event {}", i);
        }
        Spool.shutdown(Duration.ofSeconds(60));
        configure(queue, spool, 5672);
        long start = System.nanoTime();
        awaitConfirmed(events);
        long nanos = System.nanoTime() - start;
        Spool.shutdown(Duration.ofSeconds(30));
        deleteQueue(queue);
        return nanos;
    }

    private static void deleteQueue(String queue) throws Exception {
        try (Connection c = new ConnectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
            ch.queueDelete(queue + ".dead");
        }
    }
}
