package dev.spool.collector;

import dev.spool.collector.json.JsonEventReader;
import dev.spool.forward.CollectorAddress;
import dev.spool.spi.Ingress;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The collector's network side: one thread, one selector, every connection non-blocking.
 *
 * <pre>
 *  accept ─> handshake line ─> event lines ─> JsonEventReader ─> de-dup window ─> pipeline.ingest
 *                                                                                      │
 *  {"ack":N} to every connection that sent lines  <── pipeline.flush (once per round) ─┘
 * </pre>
 *
 * <p>Each round reads what every ready connection has sent (at most one buffer each, for fairness),
 * hands the events to the pipeline, waits once for the pipeline to write and flush them, then
 * acknowledges. Line lengths are checked before any byte of a line is kept, so a client cannot make the
 * collector allocate more than the limit; an idle connection holds no buffer at all.
 */
final class Server {

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int MAX_HANDSHAKE_BYTES = 4 * 1024;
    private static final int MAX_PENDING_OUTPUT_BYTES = 1 << 20;
    private static final long TICK_MILLIS = 100;
    private static final Duration ACK_FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private final CollectorConfig config;
    private final Ingress pipeline;
    private final DedupWindow dedup;
    private final Selector selector;
    private final List<ServerSocketChannel> listeners;
    private final List<CollectorAddress> bound;
    private final Set<Connection> connections = new HashSet<>();
    private final List<Connection> toAck = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final JsonEventReader reader;
    private final byte[] token;
    private final Thread thread;
    private final AtomicLongArray rejected = new AtomicLongArray(Reject.values().length);
    private volatile boolean running = true;
    private volatile int open;
    private volatile long connectionsTotal;
    private volatile long eventsIn;
    private volatile long eventsWritten;
    private volatile long eventsAcked;
    private volatile long duplicates;
    private long lastSweepNanos;

    private Server(CollectorConfig config, Ingress pipeline, DedupWindow dedup, Selector selector,
                   List<ServerSocketChannel> listeners, List<CollectorAddress> bound) {
        this.config = config;
        this.pipeline = pipeline;
        this.dedup = dedup;
        this.selector = selector;
        this.listeners = listeners;
        this.bound = List.copyOf(bound);
        this.reader = new JsonEventReader(config.maxEventBytes());
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        this.thread = DaemonThreads.named("spool-collector").newThread(this::run);
    }

    /** Binds every address and starts the server thread. */
    static Server start(CollectorConfig config, Ingress pipeline, DedupWindow dedup) throws IOException {
        Selector selector = Selector.open();
        List<ServerSocketChannel> listeners = new ArrayList<>();
        List<CollectorAddress> bound = new ArrayList<>();
        try {
            for (CollectorAddress address : config.listen()) {
                ServerSocketChannel channel = Listeners.open(address);
                listeners.add(channel);
                bound.add(Listeners.bound(address, channel));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_ACCEPT, address);
            }
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel c : listeners) {
                c.close();
            }
            selector.close();
            throw e;
        }
        Server server = new Server(config, pipeline, dedup, selector, listeners, bound);
        server.thread.start();
        return server;
    }

    List<CollectorAddress> addresses() {
        return bound;
    }

    /** Stops accepting, acknowledges what was written, closes every connection; waits for the thread. */
    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CollectorStats stats() {
        Map<String, Long> byReason = new java.util.LinkedHashMap<>();
        for (Reject r : Reject.values()) {
            byReason.put(r.label(), rejected.get(r.ordinal()));
        }
        return new CollectorStats(open, connectionsTotal, eventsIn, eventsWritten, eventsAcked, duplicates, byReason);
    }

    // ---------------------------------------------------------------- the loop

    private void run() {
        try {
            while (running) {
                selector.select(TICK_MILLIS);
                long now = System.nanoTime();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key, now);
                }
                if (!toAck.isEmpty()) {
                    acknowledge();
                }
                if (now - lastSweepNanos >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                    sweep(now);
                    lastSweepNanos = now;
                }
            }
            if (!toAck.isEmpty()) {
                acknowledge(); // what was written before the stop is acknowledged, as far as sockets take it
            }
        } catch (IOException | RuntimeException e) {
            Diagnostics.warn("collector.loop", "collector stopped after an unexpected error", e);
        } finally {
            closeEverything();
        }
    }

    private void handle(SelectionKey key, long now) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll((ServerSocketChannel) key.channel(), (CollectorAddress) key.attachment(), now);
            return;
        }
        Connection c = (Connection) key.attachment();
        try {
            if (key.isWritable()) {
                writeOut(c);
            }
            if (!c.closed && key.isValid() && key.isReadable()) {
                read(c, now);
            }
        } catch (IOException e) {
            close(c); // the peer went away or reset: nothing to tell it
        }
    }

    private void acceptAll(ServerSocketChannel listener, CollectorAddress address, long now) {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                Diagnostics.warn("collector.accept", "collector could not accept a connection on " + address, e);
                return;
            }
            if (channel == null) {
                return;
            }
            connectionsTotal++;
            if (connections.size() >= config.maxConnections()) {
                refuseAtAccept(channel);
            } else {
                register(channel, address.isTcp(), now);
            }
        }
    }

    private void refuseAtAccept(SocketChannel channel) {
        count(Reject.TOO_MANY_CONNECTIONS);
        try (channel) {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(errorLine(Reject.TOO_MANY_CONNECTIONS, 0,
                    "the collector has " + config.maxConnections() + " connections, its limit")));
        } catch (IOException ignored) {
            // the refusal is best effort; the close is what matters
        }
    }

    private void register(SocketChannel channel, boolean tcp, long now) {
        try {
            channel.configureBlocking(false);
            if (tcp) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // acks are small and awaited
            }
            Connection c = new Connection(channel, tcp, now);
            channel.register(selector, SelectionKey.OP_READ, c);
            connections.add(c);
            open = connections.size();
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    // ---------------------------------------------------------------- reading and framing

    private void read(Connection c, long now) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            endOfInput(c);
            return;
        }
        c.lastReadNanos = now;
        byte[] bytes = readBuffer.array();
        int start = 0;
        for (int i = 0; i < n && !c.closed && !c.closeAfterWrite; i++) { // nothing after a refusal counts
            if (bytes[i] == '\n') {
                completeLine(c, bytes, start, i);
                start = i + 1;
            }
        }
        if (!c.closed && !c.closeAfterWrite && start < n) {
            if ((long) c.partialLength() + (n - start) > limit(c)) {
                refuse(c, Reject.TOO_LARGE, "a line is longer than " + limit(c) + " bytes");
                return;
            }
            c.appendPartial(bytes, start, n - start, now);
        }
    }

    private void endOfInput(Connection c) {
        SelectionKey key = c.channel.keyFor(selector);
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
        c.closeAfterWrite = true; // the sender finished: answer what it sent, then close
        if (!c.awaitingAck && c.out == null) {
            close(c);
        }
    }

    private int limit(Connection c) {
        return c.handshaken ? config.maxEventBytes() : MAX_HANDSHAKE_BYTES;
    }

    private void completeLine(Connection c, byte[] bytes, int start, int end) {
        int length = end - start;
        if (c.partialLength() == 0) {
            if (length > limit(c)) {
                refuse(c, Reject.TOO_LARGE, "a line is longer than " + limit(c) + " bytes");
                return;
            }
            line(c, bytes, start, length);
            return;
        }
        if ((long) c.partialLength() + length > limit(c)) {
            refuse(c, Reject.TOO_LARGE, "a line is longer than " + limit(c) + " bytes");
            return;
        }
        c.partial.append(bytes, start, length);
        line(c, c.partial.array(), 0, c.partial.length());
        c.clearPartial();
    }

    private void line(Connection c, byte[] bytes, int offset, int length) {
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--; // CRLF senders are common; the CR is framing, not content
        }
        if (c.handshaken) {
            event(c, bytes, offset, length);
        } else {
            handshake(c, bytes, offset, length);
        }
    }

    // ---------------------------------------------------------------- protocol

    private void handshake(Connection c, byte[] bytes, int offset, int length) {
        Map<String, Object> hello;
        try {
            hello = JsonEventReader.readObject(bytes, offset, length);
        } catch (IllegalArgumentException e) {
            refuse(c, Reject.BAD_HANDSHAKE, "the first line must be a handshake such as {\"spool\":1}: " + e.getMessage());
            return;
        }
        if (!Long.valueOf(Protocol.VERSION).equals(hello.get("spool"))) {
            refuse(c, Reject.BAD_HANDSHAKE, "unsupported protocol version " + hello.get("spool")
                    + "; this collector speaks " + Protocol.VERSION);
            return;
        }
        if (c.tcp && token != null && !tokenMatches(hello.get("token"))) {
            refuse(c, Reject.BAD_TOKEN, "missing or wrong token");
            return;
        }
        if (Boolean.TRUE.equals(hello.get("status"))) {
            c.closeAfterWrite = true;
            respond(c, Protocol.statusLine(stats(), pipeline.stats()));
            return;
        }
        c.handshaken = true;
        respond(c, Protocol.welcomeLine(config.maxEventBytes()));
    }

    private boolean tokenMatches(Object given) {
        return given instanceof String
                && java.security.MessageDigest.isEqual(token, ((String) given).getBytes(StandardCharsets.UTF_8));
    }

    private void event(Connection c, byte[] bytes, int offset, int length) {
        c.linesHandled++;
        if (!c.awaitingAck) {
            c.awaitingAck = true;
            toAck.add(c);
        }
        LogEvent event;
        try {
            event = reader.read(bytes, offset, length);
        } catch (RuntimeException e) { // IllegalArgumentException mostly; any failure to read is the line's
            count(Reject.MALFORMED);
            respond(c, errorLine(Reject.MALFORMED, c.linesHandled, String.valueOf(e.getMessage())));
            return;
        }
        eventsIn++;
        if (!dedup.add(event.idHigh(), event.idLow())) {
            duplicates++;
            return;
        }
        if (pipeline.ingest(event)) {
            eventsWritten++;
        }
    }

    /** Waits once for the pipeline to write and flush everything handed to it, then acknowledges. */
    private void acknowledge() {
        if (!pipeline.flush(ACK_FLUSH_TIMEOUT)) {
            Diagnostics.warn("collector.flush", "collector pipeline did not flush within " + ACK_FLUSH_TIMEOUT
                    + "; acknowledgements wait", null);
            return;
        }
        if (pipeline.stats().destinations().stream().anyMatch(dev.spool.DestinationStats::backlog)) {
            // A destination holds bytes it could not write (disk full): they are not durable yet, and the
            // writer retries them; senders keep their copies until then.
            return;
        }
        for (Connection c : toAck) {
            c.awaitingAck = false;
            if (c.closed) {
                continue;
            }
            eventsAcked += c.linesHandled - c.linesAcked;
            c.linesAcked = c.linesHandled;
            respond(c, Protocol.ackLine(c.linesAcked));
        }
        toAck.clear();
    }

    private void refuse(Connection c, Reject reason, String detail) {
        count(reason);
        c.closeAfterWrite = true;
        SelectionKey key = c.channel.keyFor(selector);
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // nothing more is read from it
        }
        respond(c, errorLine(reason, c.handshaken ? c.linesHandled + 1 : 0, detail));
    }

    private void count(Reject reason) {
        rejected.incrementAndGet(reason.ordinal());
    }

    private static byte[] errorLine(Reject reason, long line, String detail) {
        return Protocol.errorLine(reason.label(), line, detail);
    }

    // ---------------------------------------------------------------- writing responses

    private void respond(Connection c, byte[] line) {
        if (c.closed) {
            return;
        }
        try {
            if (c.out == null) {
                ByteBuffer direct = ByteBuffer.wrap(line);
                c.channel.write(direct);
                if (direct.hasRemaining()) {
                    c.out = ByteBuffer.allocate(Math.max(4096, direct.remaining() * 2));
                    c.out.put(direct);
                    c.channel.keyFor(selector).interestOpsOr(SelectionKey.OP_WRITE);
                }
            } else if (!queue(c, line)) {
                return;
            }
            if (c.out == null && c.closeAfterWrite) {
                close(c);
            }
        } catch (IOException e) {
            close(c);
        }
    }

    private boolean queue(Connection c, byte[] line) {
        if (c.out.position() + line.length > MAX_PENDING_OUTPUT_BYTES) {
            count(Reject.NOT_READING);
            close(c);
            return false;
        }
        if (c.out.remaining() < line.length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_PENDING_OUTPUT_BYTES,
                    Math.max(c.out.capacity() * 2, c.out.position() + line.length)));
            c.out.flip();
            bigger.put(c.out);
            c.out = bigger;
        }
        c.out.put(line);
        return true;
    }

    private void writeOut(Connection c) throws IOException {
        if (c.out == null) {
            return;
        }
        c.out.flip();
        c.channel.write(c.out);
        c.out.compact();
        if (c.out.position() == 0) {
            c.out = null;
            c.channel.keyFor(selector).interestOpsAnd(~SelectionKey.OP_WRITE);
            if (c.closeAfterWrite) {
                close(c);
            }
        }
    }

    // ---------------------------------------------------------------- timeouts and closing

    private void sweep(long now) {
        for (Connection c : new ArrayList<>(connections)) {
            if (!c.handshaken && !c.closeAfterWrite && now - c.openedNanos > config.handshakeTimeout().toNanos()) {
                refuse(c, Reject.IDLE_TIMEOUT, "no handshake within " + config.handshakeTimeout());
            } else if (c.partialLength() > 0 && now - c.partialSinceNanos > config.lineTimeout().toNanos()) {
                refuse(c, Reject.SLOW_LINE, "a line did not arrive within " + config.lineTimeout());
            } else if (now - c.lastReadNanos > config.idleTimeout().toNanos() && !c.awaitingAck) {
                refuse(c, Reject.IDLE_TIMEOUT, "nothing received for " + config.idleTimeout());
            }
            if (!c.closed && c.closeAfterWrite && now - c.lastReadNanos > config.idleTimeout().toNanos() * 2) {
                close(c); // a refused client that does not read its refusal
            }
        }
    }

    private void close(Connection c) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        connections.remove(c);
        open = connections.size();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }

    private void closeEverything() {
        for (Connection c : new ArrayList<>(connections)) {
            close(c);
        }
        for (int i = 0; i < listeners.size(); i++) {
            try {
                listeners.get(i).close();
                if (!bound.get(i).isTcp()) {
                    Files.deleteIfExists(bound.get(i).path().toAbsolutePath());
                }
            } catch (IOException e) {
                Diagnostics.warn("collector.close", "collector could not close " + bound.get(i), e);
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the thread is ending
        }
    }
}
