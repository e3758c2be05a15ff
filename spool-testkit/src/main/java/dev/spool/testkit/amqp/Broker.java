package dev.spool.testkit.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.spool.testkit.HostCommand;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The real RabbitMQ on 127.0.0.1:5672 (guest/guest): started if it is down (failing loudly if it cannot
 * be), stopped and started for fault tests, and read with the plain client. A test's own exchange and
 * queue: {@link TestTopology}.
 */
public final class Broker {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;

    private Broker() {
    }

    /** Makes sure the broker answers; starts the app or the server if needed. */
    public static void ensureRunning() throws Exception {
        if (answers()) {
            return;
        }
        run(60, "rabbitmqctl", "start_app");
        if (!answers()) {
            run(10, "rabbitmq-server", "-detached");
            run(120, "rabbitmqctl", "await_startup");
            run(60, "rabbitmqctl", "start_app");
        }
        if (!answers()) {
            throw new AssertionError("RabbitMQ on " + HOST + ":" + PORT + " could not be started");
        }
    }

    /** Stops the broker application (the Erlang node stays up); fails loudly if it still accepts connections. */
    public static void stopApp() throws Exception {
        require(run(60, "rabbitmqctl", "stop_app"), "rabbitmqctl stop_app");
        if (answers()) {
            throw new AssertionError("RabbitMQ on " + HOST + ":" + PORT + " still accepts connections after stop_app");
        }
    }

    /** Starts the broker application again; fails loudly if it does not accept connections afterwards. */
    public static void startApp() throws Exception {
        require(run(120, "rabbitmqctl", "start_app"), "rabbitmqctl start_app");
        require(run(120, "rabbitmqctl", "await_startup"), "rabbitmqctl await_startup");
        if (!answers()) {
            throw new AssertionError("RabbitMQ on " + HOST + ":" + PORT + " does not accept connections after start_app");
        }
    }

    private static void require(int exitCode, String command) {
        if (exitCode != 0) {
            throw new AssertionError(command + " exited with " + exitCode);
        }
    }

    /** Closes every client connection from the server side. */
    public static void closeAllConnections() throws Exception {
        run(60, "rabbitmqctl", "close_all_connections", "test: connection cut");
    }

    /** Raises a memory alarm (a watermark of 0 blocks every publisher); {@link #clearAlarm()} undoes it. */
    public static void raiseMemoryAlarm() throws Exception {
        run(60, "rabbitmqctl", "set_vm_memory_high_watermark", "0");
    }

    /** Restores the default memory watermark (0.4), clearing the alarm. */
    public static void clearAlarm() throws Exception {
        run(60, "rabbitmqctl", "set_vm_memory_high_watermark", "0.4");
    }

    private static boolean answers() {
        try (Connection c = factory().newConnection()) {
            return c.isOpen();
        } catch (Exception e) {
            return false;
        }
    }

    public static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    /** Runs a broker command ({@code rabbitmqctl ...}) and returns its exit code; see {@link HostCommand}. */
    public static int run(int timeoutSeconds, String... command) {
        return HostCommand.run(Duration.ofSeconds(timeoutSeconds), command).exitCode();
    }

    /** Messages now in {@code queue}. */
    public static long messageCount(String queue) throws Exception {
        try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
            return ch.messageCount(queue);
        }
    }

    /** Consumers now subscribed to {@code queue}; 0 when the queue does not exist yet. */
    public static long consumerCount(String queue) throws Exception {
        try (Connection c = factory().newConnection()) {
            Channel ch = c.createChannel();
            try {
                return ch.consumerCount(queue);
            } catch (IOException e) { // NOT_FOUND closes the channel; the connection goes with the try
                return 0;
            }
        }
    }

    /**
     * Takes (acknowledges) every message now in {@code queue} and returns their event lines: the producers'
     * ledger lines (docs/audit.md) are left out, tests here count events.
     */
    public static List<String> take(String queue, Duration ignoredSlack) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
            for (GetResponse r = ch.basicGet(queue, true); r != null; r = ch.basicGet(queue, true)) {
                decode(r.getBody(), "gzip".equals(r.getProps().getContentEncoding()), lines);
            }
        }
        return lines;
    }

    private static void decode(byte[] body, boolean gzip, List<String> into) throws IOException {
        InputStream in = new ByteArrayInputStream(body);
        byte[] raw = gzip ? new GZIPInputStream(in).readAllBytes() : body;
        for (String line : new String(raw, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty() && !line.contains("\"kind\":\"ledger\",\"ledger\":{")) {
                into.add(line);
            }
        }
    }
}
