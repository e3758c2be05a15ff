package dev.spool.cli.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay of a test: listens on an address of this network namespace (a {@link NetworkHost}'s gateway)
 * and forwards each connection, byte for byte both ways, to a fixed target (RabbitMQ on 127.0.0.1, which a
 * namespace cannot reach). When either side ends or fails, both are closed, as a dead route would leave
 * them, so the broker and the client each see their peer go. {@link #close()} stops it and cuts what it
 * still carries.
 */
final class TcpRelay implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread acceptor;

    private TcpRelay(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        this.acceptor = new Thread(this::acceptAll, "relay-" + server.getLocalSocketAddress());
        acceptor.setDaemon(true);
    }

    /** Starts a relay on {@code address} (a free port) to {@code target}. */
    static TcpRelay start(String address, InetSocketAddress target) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(address));
        TcpRelay relay = new TcpRelay(server, target);
        relay.acceptor.start();
        return relay;
    }

    /** The port it listens on. */
    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (a client that reconnects after a cut makes a new one). */
    long accepted() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                relay(client);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("relay " + server.getLocalSocketAddress() + ": " + e);
                }
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            upstream.connect(target, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            System.err.println("relay to " + target + ": " + e);
            closeBoth(client, upstream);
            return;
        }
        pump(client, upstream, "up");
        pump(upstream, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                // the other pump, close() or the peer ended the pair: nothing left to carry
            } catch (IOException e) {
                System.err.println("relay " + direction + " " + from.getRemoteSocketAddress() + ": " + e);
            } finally {
                closeBoth(from, to);
            }
        }, "relay-" + direction + "-" + from.getPort());
        t.setDaemon(true);
        t.start();
    }

    private void closeBoth(Socket a, Socket b) {
        for (Socket s : new Socket[] {a, b}) {
            open.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all that is left to do with it
            }
        }
    }

    /** Stops accepting and closes every connection it carries; waits for the accepting thread to end. */
    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        acceptor.join(10_000);
    }
}
