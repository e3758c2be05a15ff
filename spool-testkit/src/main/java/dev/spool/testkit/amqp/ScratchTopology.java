package dev.spool.testkit.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.time.Duration;
import java.util.Random;

import static org.awaitility.Awaitility.await;

/**
 * A test's own exchange and queue on the real RabbitMQ: one unique name for both
 * ({@code test.<label>.<random>}), the dead-letter pair that Spool derives from it ({@code <exchange>.dlx},
 * {@code <queue>.dead}), and {@link #close()} deleting all four. The code under test declares them, with
 * its own arguments: a declaration here with other arguments would make the broker refuse that one.
 * Tests get one through {@link TestTopology}; programs such as benchmarks with try-with-resources.
 */
public final class ScratchTopology implements AutoCloseable {

    /** How long {@link #close()} keeps trying: a fault test may have stopped the broker or be restarting it. */
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(120);

    private final String name;

    private ScratchTopology(String name) {
        this.name = name;
    }

    /** New unique names, {@code test.<label>.<random>}; starts the broker first if it is down. */
    public static ScratchTopology create(String label) throws Exception {
        Broker.ensureRunning();
        return new ScratchTopology("test." + label + "." + Long.toUnsignedString(new Random().nextLong(), 36));
    }

    /** The topic exchange the events are published to. */
    public String exchange() {
        return name;
    }

    /** The queue bound to {@link #exchange()}: the same name. */
    public String queue() {
        return name;
    }

    /** The dead-letter queue of {@link #queue()}, as Spool names it. */
    public String deadLetterQueue() {
        return name + ".dead";
    }

    /** Deletes the queue, the exchange and their dead-letter pair; starts the broker again if a test left it down. */
    @Override
    public void close() {
        await("deleting " + name).atMost(DELETE_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    Broker.ensureRunning();
                    delete();
                    return true;
                });
    }

    private void delete() throws Exception {
        try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
            ch.queueDelete(queue());
            ch.queueDelete(deadLetterQueue());
            for (int level = 1; level <= 12; level++) { // the consumer's delay queues, <queue>.retry.N (at most 12)
                ch.queueDelete(name + ".retry." + level);
            }
            ch.exchangeDelete(exchange());
            ch.exchangeDelete(exchange() + ".dlx");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
