package dev.spool.collector;

import dev.spool.forward.CollectorAddress;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** A raw protocol client for tests: blocking socket, send bytes or lines, read response lines. */
public final class WireClient implements Closeable {

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private WireClient(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    public static WireClient connect(CollectorAddress address) throws IOException {
        SocketChannel channel = address.isTcp() ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(address.socketAddress());
        return new WireClient(channel);
    }

    /** Connects and sends the version-1 handshake, optionally with a token; returns after the answer. */
    public static WireClient handshaken(CollectorAddress address, String token) throws IOException {
        WireClient client = connect(address);
        client.send(token == null ? "{\"spool\":1}" : "{\"spool\":1,\"token\":\"" + token + "\"}");
        String answer = client.readLine();
        if (answer == null || !answer.contains("\"ok\":true")) {
            throw new IOException("handshake refused: " + answer);
        }
        return client;
    }

    public WireClient send(String line) throws IOException {
        return sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public WireClient sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next response line, or null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** Reads lines until one contains {@code text}; returns it (fails at end of stream). */
    public String readUntil(String text) throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("end of stream before a line containing " + text);
            }
            if (line.contains(text)) {
                return line;
            }
        }
    }

    /** Whether the collector closed the connection (reads past anything still sent). */
    public boolean closedByPeer() {
        try {
            while (in.read() >= 0) {
                // skip what is left
            }
            return true;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
