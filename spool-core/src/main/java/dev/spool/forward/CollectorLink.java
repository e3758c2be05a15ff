package dev.spool.forward;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.Diagnostics;
import dev.spool.spi.support.JsonEscaper;
import dev.spool.spi.support.JsonReader;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One connection from a forwarder to a collector: connect and handshake with a timeout, send bytes with a
 * timeout, read acknowledgements without waiting. Non-blocking underneath, so nothing here can hang the
 * writer thread past the timeouts it is given. Used by one thread.
 */
final class CollectorLink implements Closeable {

    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final ByteBuffer in = ByteBuffer.allocate(8 * 1024);
    private final ByteBuilder response = new ByteBuilder(256);
    private long acked;
    private long errors;

    private CollectorLink(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /**
     * Connects, sends the handshake and waits for the collector's answer.
     *
     * @throws IOException if the collector cannot be reached, refuses, or does not answer within {@code timeout}
     */
    static CollectorLink open(CollectorAddress address, String token, Duration timeout) throws IOException {
        SocketChannel channel = address.isTcp() ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            if (address.isTcp()) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            CollectorLink link = new CollectorLink(channel, selector, key);
            link.connect(address, timeout);
            link.handshake(token, timeout);
            return link;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    private void connect(CollectorAddress address, Duration timeout) throws IOException {
        if (channel.connect(address.socketAddress())) {
            return;
        }
        key.interestOps(SelectionKey.OP_CONNECT);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!channel.finishConnect()) {
            await(deadline, "connecting to " + address);
        }
    }

    private void handshake(String token, Duration timeout) throws IOException {
        StringBuilder hello = new StringBuilder("{\"spool\":").append(Forwarding.PROTOCOL_VERSION);
        if (token != null) {
            hello.append(",\"token\":");
            JsonEscaper.appendString(token, hello);
        }
        send(ByteBuffer.wrap(hello.append("}\n").toString().getBytes(StandardCharsets.UTF_8)), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> answer;
        while ((answer = nextResponse()) == null) {
            key.interestOps(SelectionKey.OP_READ);
            await(deadline, "waiting for the collector's handshake");
        }
        if (!Boolean.TRUE.equals(answer.get("ok"))) {
            throw new IOException("collector refused the connection: " + answer.get("error") + " (" + answer.get("detail") + ")");
        }
    }

    /** Writes all of {@code bytes}, waiting at most {@code timeout} for the collector to take them. */
    int send(ByteBuffer bytes, Duration timeout) throws IOException {
        int start = bytes.position();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            channel.write(bytes);
            if (!bytes.hasRemaining()) {
                return bytes.position() - start;
            }
            key.interestOps(SelectionKey.OP_WRITE);
            await(deadline, "sending to the collector");
        }
    }

    /** Reads what has arrived; returns how many lines the collector acknowledged in total on this link. */
    long pollAcks() throws IOException {
        while (nextResponse() != null) {
            // nextResponse records acknowledgements and counts errors
        }
        return acked;
    }

    /** Lines the collector acknowledged on this link so far, as last read; no I/O. */
    long acked() {
        return acked;
    }

    /** Waits at most {@code nanos} for the collector to send something. */
    void awaitInput(long nanos) throws IOException {
        key.interestOps(SelectionKey.OP_READ);
        selector.select(Math.max(1, nanos / 1_000_000));
        selector.selectedKeys().clear();
    }

    /** Lines the collector answered with an error (malformed events) on this link. */
    long errors() {
        return errors;
    }

    private Map<String, Object> nextResponse() throws IOException {
        while (true) {
            Map<String, Object> line = takeLine();
            if (line != null) {
                return line;
            }
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                throw new IOException("the collector closed the connection");
            }
            if (n == 0) {
                return null;
            }
            if (response.length() + n > MAX_RESPONSE_BYTES) {
                throw new IOException("the collector sent a line longer than " + MAX_RESPONSE_BYTES + " bytes");
            }
            response.append(in.array(), 0, n);
        }
    }

    private Map<String, Object> takeLine() throws IOException {
        for (int i = 0; i < response.length(); i++) {
            if (response.byteAt(i) == '\n') {
                Map<String, Object> line;
                try {
                    line = JsonReader.readObject(response.array(), 0, i);
                } catch (IllegalArgumentException e) {
                    throw new IOException("the collector sent a line that is not JSON: " + e.getMessage(), e);
                }
                response.discardFront(i + 1);
                record(line);
                return line;
            }
        }
        return null;
    }

    private void record(Map<String, Object> line) throws IOException {
        Object ack = line.get("ack");
        if (ack instanceof Long) {
            acked = Math.max(acked, (Long) ack);
        } else if (line.containsKey("error") && !line.containsKey("spool")) {
            errors++;
            if ("malformed".equals(line.get("error"))) {
                Diagnostics.warn("forward.malformed", "the collector refused an event as malformed: "
                        + line.get("detail"), null);
            } else {
                throw new IOException("the collector closed the connection: " + line.get("error") + " (" + line.get("detail") + ")");
            }
        }
    }

    private void await(long deadlineNanos, String what) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new IOException("timed out " + what);
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.close();
        }
    }
}
