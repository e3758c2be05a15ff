package dev.spool.alert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server for tests on an ephemeral loopback port: EHLO/HELO, AUTH PLAIN and LOGIN, MAIL
 * FROM, RCPT TO, DATA (dot-unstuffed), QUIT, and STARTTLS when given a {@link #tls} context. It records one {@link Session} per connection and
 * answers a command with a reply the test set in {@link #replies} (keyed by verb: {@code RCPT}, {@code AUTH},
 * ...) instead of the usual one.
 */
final class SmtpSink implements AutoCloseable {

    static final class Session {
        volatile String hello;
        volatile String authMechanism;
        volatile String username;
        volatile String password;
        volatile String mailFrom;
        final List<String> rcptTo = new CopyOnWriteArrayList<>();
        volatile String data;
        volatile boolean quit;
        volatile boolean tls;
        volatile boolean authOverTls;
    }

    final List<Session> sessions = new CopyOnWriteArrayList<>();
    final Map<String, String> replies = new ConcurrentHashMap<>();
    volatile String extensions = "AUTH PLAIN LOGIN\r\n250-8BITMIME";
    /** When set, the sink hangs up on QUIT without a reply. */
    volatile boolean hangUpOnQuit;
    /** When set, STARTTLS is offered and served with this context's certificate. */
    volatile SSLContext tls;
    /** When set, each connection waits for it before the greeting: a receiver that hangs. */
    volatile java.util.concurrent.CountDownLatch hold;
    /** Connections accepted, counted before any {@link #hold}. */
    final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final ServerSocket server;
    private final Thread acceptor;

    SmtpSink() throws IOException {
        this(null);
    }

    /** With {@code implicitTls}, an SMTPS server (port 465 style): TLS from the first byte, with its certificate. */
    SmtpSink(SSLContext implicitTls) throws IOException {
        server = implicitTls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : implicitTls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                Session session = new Session();
                session.tls = s instanceof SSLSocket;
                accepted.incrementAndGet();
                java.util.concurrent.CountDownLatch h = hold;
                if (h != null) {
                    h.await();
                }
                sessions.add(session);
                converse(s, session);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the client went away or the sink is closing; the next connection starts afresh
            }
        }
    }

    private void converse(Socket plain, Session session) throws IOException {
        Socket s = plain;
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        send(out, "220 sink ESMTP ready");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toUpperCase();
            String override = replies.get(verb);
            if (override != null) {
                send(out, override);
                continue;
            }
            switch (verb) {
                case "EHLO":
                    session.hello = line.substring(5);
                    send(out, "250-sink greets " + session.hello + "\r\n250-" + extensions
                            + (tls != null && !session.tls ? "\r\n250-STARTTLS" : "") + "\r\n250 SIZE 1000000");
                    break;
                case "STARTTLS":
                    send(out, "220 go ahead");
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), false);
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    s = secure;
                    session.tls = true;
                    in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    out = s.getOutputStream();
                    break;
                case "HELO":
                    session.hello = line.substring(5);
                    send(out, "250 sink");
                    break;
                case "AUTH":
                    session.authOverTls = session.tls;
                    auth(line, in, out, session);
                    break;
                case "MAIL":
                    session.mailFrom = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    send(out, "250 OK");
                    break;
                case "RCPT":
                    session.rcptTo.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                    send(out, "250 OK");
                    break;
                case "DATA":
                    send(out, "354 end with <CRLF>.<CRLF>");
                    session.data = readData(in);
                    send(out, "250 OK queued");
                    break;
                case "QUIT":
                    session.quit = true;
                    if (hangUpOnQuit) {
                        return;
                    }
                    send(out, "221 bye");
                    return;
                default:
                    send(out, "502 command not implemented");
            }
        }
    }

    private static void auth(String line, BufferedReader in, OutputStream out, Session session) throws IOException {
        String[] parts = line.split(" ");
        session.authMechanism = parts[1].toUpperCase();
        Base64.Decoder b64 = Base64.getDecoder();
        if (session.authMechanism.equals("PLAIN")) {
            String[] fields = new String(b64.decode(parts[2]), StandardCharsets.UTF_8).split("\0", -1);
            session.username = fields[1];
            session.password = fields[2];
        } else {
            send(out, "334 VXNlcm5hbWU6");
            session.username = new String(b64.decode(in.readLine()), StandardCharsets.UTF_8);
            send(out, "334 UGFzc3dvcmQ6");
            session.password = new String(b64.decode(in.readLine()), StandardCharsets.UTF_8);
        }
        send(out, "235 authenticated");
    }

    private static String readData(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            lines.add(line.startsWith(".") ? line.substring(1) : line);
        }
        return String.join("\r\n", lines);
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
