package dev.spool.collector;

import dev.spool.forward.CollectorAddress;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts connections on the collector's listening sockets (TCP and unix, opened by {@link Listeners}),
 * up to the connection limit: a client past it gets a {@code too_many_connections} line and is closed.
 * Owns the listening sockets and removes a unix socket's file when it closes. Used on the server thread.
 */
final class Acceptor {

    private final List<ServerSocketChannel> listeners;
    private final List<CollectorAddress> bound;
    private final int maxConnections;
    private final Counters counters;

    private Acceptor(List<ServerSocketChannel> listeners, List<CollectorAddress> bound, int maxConnections,
                     Counters counters) {
        this.listeners = listeners;
        this.bound = List.copyOf(bound);
        this.maxConnections = maxConnections;
        this.counters = counters;
    }

    /** Listens on every address of {@code config}, registered for accepting with {@code selector}. */
    static Acceptor open(CollectorConfig config, Selector selector, Counters counters) throws IOException {
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
            throw e;
        }
        return new Acceptor(listeners, bound, config.maxConnections(), counters);
    }

    /** The addresses listened on; a TCP port asked as 0 shows the port the system chose. */
    List<CollectorAddress> addresses() {
        return bound;
    }

    /** Whether the listener of {@code key} takes TCP connections (which must bring the token). */
    static boolean isTcp(SelectionKey key) {
        return ((CollectorAddress) key.attachment()).isTcp();
    }

    /**
     * Accepts the next waiting connection on the listener of {@code key}, non-blocking and ready for a
     * session; refuses those past the limit on the way.
     *
     * @param openConnections connections open now
     * @return the connection, or null when none waits
     */
    SocketChannel accept(SelectionKey key, int openConnections) {
        ServerSocketChannel listener = (ServerSocketChannel) key.channel();
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                Diagnostics.warn("collector.accept", "collector could not accept a connection on " + key.attachment(), e);
                return null;
            }
            if (channel == null) {
                return null;
            }
            counters.accepted();
            if (openConnections >= maxConnections) {
                refuse(channel);
            } else if (configure(channel, isTcp(key))) {
                return channel;
            }
        }
    }

    private void refuse(SocketChannel channel) {
        counters.refused(Reject.TOO_MANY_CONNECTIONS);
        try (channel) {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(Protocol.errorLine(Reject.TOO_MANY_CONNECTIONS.label(), 0,
                    "the collector has " + maxConnections + " connections, its limit")));
        } catch (IOException ignored) {
            // the refusal is best effort; the close is what matters
        }
    }

    private static boolean configure(SocketChannel channel, boolean tcp) {
        try {
            channel.configureBlocking(false);
            if (tcp) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // acks are small and awaited
            }
            return true;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
            return false;
        }
    }

    /** Closes every listening socket and removes the files of unix ones. */
    void close() {
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
    }
}
