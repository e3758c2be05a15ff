package dev.spool.alert;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;

/**
 * Mails a notification as a plain-text message (UTF-8; 7bit when ASCII with short lines, else base64) to the configured
 * recipients through {@link SmtpClient}, one connection per message.
 */
final class SmtpAction implements AlertAction {

    private final SmtpSettings settings;
    private final Secrets secrets;
    private final SSLSocketFactory tls;

    SmtpAction(SmtpSettings settings) {
        this(settings, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With a given factory for STARTTLS (tests trust their own certificate this way). */
    SmtpAction(SmtpSettings settings, SSLSocketFactory tls) {
        this.settings = settings;
        this.tls = tls;
        List<String> secret = new ArrayList<>();
        secret.add(settings.password());
        if (settings.password() != null) {
            secret.add(Base64.getEncoder().encodeToString(settings.password().getBytes(StandardCharsets.UTF_8)));
        }
        this.secrets = new Secrets(secret);
    }

    @Override
    public void deliver(AlertRule rule, Notification n) throws DeliveryException {
        new SmtpClient(settings, secrets, tls).send(message(rule, n));
    }

    byte[] message(AlertRule rule, Notification n) {
        String body = NotificationFormat.text(rule, n);
        // 7bit needs ASCII and lines of at most 998 octets; anything else goes as base64.
        boolean ascii = body.chars().allMatch(c -> c < 0x80)
                && body.lines().allMatch(line -> line.length() <= 998);
        StringBuilder m = new StringBuilder(body.length() + 512);
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        m.append("From: ").append(settings.from()).append("\r\n");
        m.append("To: ").append(String.join(", ", settings.to())).append("\r\n");
        m.append("Subject: ").append(encodeHeader(NotificationFormat.subject(n))).append("\r\n");
        m.append("Message-ID: <").append(UUID.randomUUID()).append("@spool.alerts>\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: text/plain; charset=UTF-8\r\n");
        m.append("Content-Transfer-Encoding: ").append(ascii ? "7bit" : "base64").append("\r\n\r\n");
        if (ascii) {
            m.append(body);
        } else {
            m.append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 2047 encoded word when the text is not plain ASCII; line breaks never reach a header. */
    static String encodeHeader(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        if (oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return oneLine;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(oneLine.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    @Override
    public String target() {
        return "smtp://" + settings.host() + ":" + settings.port();
    }
}
