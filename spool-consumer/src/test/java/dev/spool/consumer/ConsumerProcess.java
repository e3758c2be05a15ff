package dev.spool.consumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A consumer process (child JVM) for the end-to-end tests: runs {@link Consumer#start} on a queue and a
 * store until SIGTERM, which closes it (letting the batch in hand commit and ack), or SIGKILL.
 *
 * <p>Arguments: AMQP URI, queue, exchange, store URL, workers. Writes relay ledgers every 100 ms. Prints {@value #STARTED} once
 * {@link Consumer#start} returns (its workers connect after that), its stats every second, and
 * {@code CLOSED <stats>} on SIGTERM.
 */
public final class ConsumerProcess {

    static final String STARTED = "STARTED";
    static final String CLOSED = "CLOSED";

    private ConsumerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsumerSettings settings = ConsumerSettings.builder().amqpUri(args[0]).queue(args[1]).exchange(args[2])
                .store(args[3]).workers(Integer.parseInt(args[4])).batchEvents(1000).batchTime(Duration.ofMillis(200))
                .maxAttempts(5).ledgerInterval(Duration.ofMillis(100)).build();
        Consumer consumer = Consumer.start(settings);
        CountDownLatch closed = new CountDownLatch(1);
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consumer-status");
            t.setDaemon(true);
            return t;
        });
        status.scheduleAtFixedRate(() -> System.out.println("stats " + consumer.stats()), 1, 1, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            status.shutdownNow();
            consumer.close();
            System.out.println(CLOSED + " " + consumer.stats());
            System.out.flush();
            closed.countDown();
        }, "consumer-close"));
        System.out.println(STARTED);
        System.out.flush();
        closed.await();
    }
}
