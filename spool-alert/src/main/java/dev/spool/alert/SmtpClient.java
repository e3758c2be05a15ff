package dev.spool.alert;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal SMTP client (RFC 5321) for one message per connection: EHLO (HELO if refused), optional
 * implicit TLS (SMTPS, port 465) or STARTTLS (RFC 3207, server certificate and host name verified against the JVM's trust store), optional
 * AUTH PLAIN or LOGIN (RFC 4954), MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. Every read and write
 * is bounded by the timeout. Replies 4xx and I/O errors are retryable, 5xx are final. Not thread-safe.
 */
final class SmtpClient {

    private static final int MAX_REPLY_LINE = 4096;

    private final SmtpSettings settings;
    private final Secrets secrets;
    private final SSLSocketFactory tls;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Set<String> extensions = new HashSet<>();

    /** @param tls the factory for STARTTLS: the JVM's default, or one with a test's trust store */
    SmtpClient(SmtpSettings settings, Secrets secrets, SSLSocketFactory tls) {
        this.settings = settings;
        this.secrets = secrets;
        this.tls = tls;
    }

    /** Sends {@code message} (headers and body, CRLF line ends, not dot-stuffed) to every recipient. */
    void send(byte[] message) throws DeliveryException {
        String step = "connect";
        try {
            socket = new Socket();
            int timeout = (int) settings.timeout().toMillis();
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            socket.setSoTimeout(timeout);
            if (settings.tls()) {
                step = "TLS handshake";
                socket = handshake(socket);
            }
            streams();
            step = "greeting";
            expect(step, reply(), 220);
            step = "EHLO";
            hello();
            if (settings.starttls()) {
                step = "STARTTLS";
                startTls();
                step = "EHLO";
                hello();
            }
            if (settings.username() != null) {
                step = "AUTH";
                authenticate();
            }
            step = "MAIL FROM";
            command("MAIL FROM:<" + settings.from() + ">");
            expect(step, reply(), 250);
            for (String rcpt : settings.to()) {
                step = "RCPT TO:<" + rcpt + ">";
                command("RCPT TO:<" + rcpt + ">");
                expect(step, reply(), 250, 251);
            }
            step = "DATA";
            command("DATA");
            expect(step, reply(), 354);
            step = "message";
            writeData(message);
            expect(step, reply(), 250);
        } catch (IOException e) {
            closeQuietly();
            throw new DeliveryException("SMTP " + target() + " failed at " + step + ": " + secrets.describe(e), true);
        } catch (DeliveryException e) {
            closeQuietly();
            throw e;
        }
        try {
            command("QUIT");
            reply();
        } catch (IOException e) {
            // The server has taken the message: a failed QUIT must not make the sender mail it again.
        } finally {
            closeQuietly();
        }
    }

    private void hello() throws IOException, DeliveryException {
        command("EHLO " + settings.helo());
        Reply r = reply();
        extensions.clear();
        if (r.code == 250) {
            String[] lines = r.text.split("\n");
            for (int i = 1; i < lines.length; i++) {
                extensions.add(lines[i].trim().toUpperCase(Locale.ROOT));
            }
            return;
        }
        command("HELO " + settings.helo());
        expect("HELO", reply(), 250);
    }

    private void startTls() throws IOException, DeliveryException {
        if (!extensions.contains("STARTTLS")) {
            throw new DeliveryException("SMTP " + target() + " does not offer STARTTLS (smtp.starttls = true)", false);
        }
        command("STARTTLS");
        expect("STARTTLS", reply(), 220);
        socket = handshake(socket);
        streams();
    }

    /** TLS over {@code plain}, the server's certificate and host name checked before anything is sent. */
    private SSLSocket handshake(Socket plain) throws IOException {
        SSLSocket secure = (SSLSocket) tls.createSocket(plain, settings.host(), settings.port(), true);
        SSLParameters params = secure.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(params);
        secure.setUseClientMode(true);
        secure.startHandshake();
        return secure;
    }

    private void authenticate() throws IOException, DeliveryException {
        String offered = "";
        for (String ext : extensions) {
            if (ext.startsWith("AUTH ") || ext.startsWith("AUTH=")) {
                offered += " " + ext.substring(5) + " ";
            }
        }
        String mechanism = settings.auth();
        if (mechanism.equals("auto")) {
            mechanism = offered.contains(" PLAIN ") ? "plain" : offered.contains(" LOGIN ") ? "login" : null;
            if (mechanism == null) {
                throw new DeliveryException("SMTP " + target() + " offers no AUTH PLAIN or LOGIN (offered:"
                        + (offered.isBlank() ? " none" : offered.replaceAll("\\s+", " ")) + ")", false);
            }
        }
        Base64.Encoder b64 = Base64.getEncoder();
        if (mechanism.equals("plain")) {
            String token = "\0" + settings.username() + "\0" + settings.password();
            command("AUTH PLAIN " + b64.encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        } else {
            command("AUTH LOGIN");
            expect("AUTH LOGIN", reply(), 334);
            command(b64.encodeToString(settings.username().getBytes(StandardCharsets.UTF_8)));
            expect("AUTH LOGIN username", reply(), 334);
            command(b64.encodeToString(settings.password().getBytes(StandardCharsets.UTF_8)));
        }
        expect("AUTH " + mechanism.toUpperCase(Locale.ROOT), reply(), 235);
    }

    private void writeData(byte[] message) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                buf.write('.');
            }
            buf.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            buf.write('\r');
            buf.write('\n');
        }
        buf.write('.');
        buf.write('\r');
        buf.write('\n');
        out.write(buf.toByteArray());
        out.flush();
    }

    private void command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void expect(String step, Reply r, int... accepted) throws DeliveryException {
        for (int code : accepted) {
            if (r.code == code) {
                return;
            }
        }
        String first = r.text.split("\n", 2)[0];
        throw new DeliveryException("SMTP " + target() + " refused " + step + ": " + r.code + " "
                + secrets.mask(first), r.code < 500);
    }

    /** Reads one reply, joining the lines of a multi-line one ({@code 250-...}) with {@code \n}. */
    private Reply reply() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0))) {
                throw new IOException("malformed reply '" + line + "'");
            }
            int code = Integer.parseInt(line.substring(0, 3));
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new Reply(code, text.toString());
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new IOException("reply line longer than " + MAX_REPLY_LINE + " bytes");
            }
            line.write(b);
        }
        throw new IOException("connection closed by the server");
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private void closeQuietly() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    String target() {
        return "smtp://" + settings.host() + ":" + settings.port();
    }

    private static final class Reply {
        final int code;
        final String text;

        Reply(int code, String text) {
            this.code = code;
            this.text = text;
        }
    }
}
