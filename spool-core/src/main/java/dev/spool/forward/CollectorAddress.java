package dev.spool.forward;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a collector listens and a forwarder connects: {@code tcp://HOST:PORT} or {@code unix:PATH}.
 * Immutable.
 *
 * @param host for TCP, the host or address; null for a unix socket
 * @param port for TCP, the port (0 to let the system choose when listening); -1 for a unix socket
 * @param path for a unix socket, the socket file; null for TCP
 */
public record CollectorAddress(String host, int port, Path path) {

    /**
     * The longest unix socket path, in bytes, that the JDK binds or connects: two less than the 108 of
     * Linux's {@code sun_path} (a test binds one of exactly this length). A longer one fails only when bound or connected, with the JDK's "Unix domain path too long" and
     * no path; this says which path and how long, when the address is made.
     */
    public static final int MAX_UNIX_PATH_BYTES = 106;

    /** Validates that exactly one kind of address is given, and a unix path's length. */
    public CollectorAddress {
        if (path == null && (host == null || host.isBlank() || port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("a TCP address needs a host and a port from 0 to 65535");
        }
        if (path != null && host != null) {
            throw new IllegalArgumentException("an address is either TCP or a unix socket, not both");
        }
        if (path != null) {
            int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_UNIX_PATH_BYTES) {
                throw new IllegalArgumentException("unix socket path '" + path + "' is " + bytes
                        + " bytes; a unix socket path may have at most " + MAX_UNIX_PATH_BYTES
                        + " (use a shorter directory, such as /run/spool or /tmp)");
            }
        }
    }

    /** A TCP address. */
    public static CollectorAddress tcp(String host, int port) {
        return new CollectorAddress(host, port, null);
    }

    /** A unix domain socket address. */
    public static CollectorAddress unix(Path path) {
        return new CollectorAddress(null, -1, path);
    }

    /**
     * Parses {@code tcp://HOST:PORT} (IPv6 hosts in brackets) or {@code unix:PATH}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static CollectorAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("unix:") && t.length() > "unix:".length()) {
            return unix(Path.of(t.substring("unix:".length())));
        }
        if (t.startsWith("tcp://")) {
            String hostPort = t.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0) {
                String host = hostPort.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                try {
                    return tcp(host, Integer.parseInt(hostPort.substring(colon + 1)));
                } catch (IllegalArgumentException e) {
                    // falls through to the common error below
                }
            }
        }
        throw new IllegalArgumentException("bad address '" + text
                + "': expected tcp://HOST:PORT (such as tcp://127.0.0.1:5170) or unix:PATH");
    }

    /** Whether this is a TCP address. */
    public boolean isTcp() {
        return path == null;
    }

    /** The socket address to bind or connect to. */
    public SocketAddress socketAddress() {
        return isTcp() ? new InetSocketAddress(host, port) : UnixDomainSocketAddress.of(path);
    }

    /** The text form, which {@link #parse} reads back. */
    @Override
    public String toString() {
        if (!isTcp()) {
            return "unix:" + path;
        }
        return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
