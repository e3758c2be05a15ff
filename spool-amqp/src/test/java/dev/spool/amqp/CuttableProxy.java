package dev.spool.amqp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between the destination and the broker that a test can break the way networks break:
 * {@link #reset()} aborts every open connection with a TCP reset (no AMQP close, no FIN), and
 * {@link #blackhole()} silently stops moving bytes on the open connections, as a dead peer or a dropped
 * route would. New connections are forwarded normally in both cases.
 */
final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Pump> pumps = new CopyOnWriteArrayList<>();

    CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(broker);
                start(new Pump(client, broker));
                start(new Pump(broker, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void start(Pump pump) {
        pumps.add(pump);
        Thread t = new Thread(pump, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Aborts every open connection with a TCP reset. */
    void reset() throws IOException {
        for (Socket s : sockets) {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
                s.close();
            }
        }
        sockets.clear();
        pumps.clear();
    }

    /** Stops forwarding on every open connection, leaving the sockets open and silent. */
    void blackhole() {
        for (Pump p : pumps) {
            p.silenced = true;
        }
        pumps.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        reset();
    }

    private static final class Pump implements Runnable {
        private final Socket from;
        private final Socket to;
        volatile boolean silenced;

        Pump(Socket from, Socket to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!silenced) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the other side went away or the test reset the connection: this pump is done
            }
        }
    }
}
