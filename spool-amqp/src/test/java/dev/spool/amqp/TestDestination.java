package dev.spool.amqp;

import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.Options;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.amqp.Broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@code amqp} sink opened the way a pipeline opens it, driven by the test thread as its writer:
 * events {@code "p<producer> <seq>"} with ids {@code (producer, seq)}, flushed every {@code batch}.
 */
final class TestDestination implements AutoCloseable {

    final String name;
    final Sink sink;
    private final TestEvent event = TestEvent.event();

    TestDestination(String name, Map<String, String> options) throws IOException {
        this.name = name;
        this.sink = new AmqpSinkProvider().configure(new Options("destination." + name + ".", options)).open(
                new SinkContext() {
                    @Override public String destinationName() { return name; }
                    @Override public Resource resource() { return TestEvent.RESOURCE; }
                });
    }

    /** Options for a test: its own exchange, queue and spool, short backoffs so tests stay short. */
    static Map<String, String> options(String exchange, String queue, Path spoolDir) {
        Map<String, String> o = new HashMap<>();
        o.put("host", Broker.HOST);
        o.put("port", Integer.toString(Broker.PORT));
        o.put("exchange", exchange);
        o.put("queue", queue);
        o.put("spool.dir", spoolDir.toString());
        o.put("reconnect.maxDelay", "3s");
        o.put("heartbeat", "5s");
        o.put("close.timeout", "30s");
        o.put("batch.maxDelay", "20ms");
        return o;
    }

    /** Writes events {@code from..to-1} of {@code producer}, flushing every {@code batch} events. */
    void write(int producer, long from, long to, int batch) throws IOException {
        for (long i = from; i < to; i++) {
            event.id(producer, i).level(Level.INFO).message("p" + producer + " " + i);
            sink.write(event);
            if ((i - from) % batch == batch - 1) {
                sink.flush();
            }
        }
        sink.flush();
    }

    /** Flushes until every batch, open ones included, is in the spool (what the pipeline's idle retry does). */
    void flushAll() throws IOException {
        while (sink.hasBacklog()) {
            sink.flush();
            LockSupport.parkNanos(1_000_000L); // the pipeline's idle retry, compressed
        }
    }

    AmqpHealth health() {
        return AmqpDestinations.health(name).orElseThrow();
    }

    /** What the pipeline's DestinationStats and the collector's status carry. */
    java.util.Map<String, Object> healthMap() {
        return sink.health();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
