package dev.spool.alert;

import dev.spool.spi.Options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code smtp.*} keys of a rule, validated. Immutable. {@link #toString()} masks the password.
 *
 * @param auth {@code auto} (PLAIN if the server offers it, else LOGIN), {@code plain} or {@code login};
 *             used only with a username
 */
record SmtpSettings(String host, int port, String from, List<String> to, String username, String password,
                    String auth, boolean starttls, boolean tls, Duration timeout, String helo) {

    SmtpSettings {
        to = List.copyOf(to);
    }

    static SmtpSettings parse(Options o) {
        String host = o.string("smtp.host").trim();
        int port = o.integer("smtp.port", 25, 1, 65535);
        String from = address(o, "smtp.from", o.string("smtp.from").trim());
        List<String> to = new ArrayList<>();
        for (String item : o.string("smtp.to").split(",")) {
            if (!item.isBlank()) {
                to.add(address(o, "smtp.to", item.trim()));
            }
        }
        if (to.isEmpty()) {
            throw o.bad("smtp.to", o.string("smtp.to"), "a comma-separated list of addresses such as ops@example.com");
        }
        // Blank counts as unset, so that ${env:SMTP_USER:-} turns AUTH off where the variable is not set.
        String username = blankToNull(o.string("smtp.username", null));
        String password = blankToNull(o.string("smtp.password", null));
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("keys '" + o.prefix() + "smtp.username' and '" + o.prefix()
                    + "smtp.password' go together: set both (for AUTH) or neither");
        }
        String auth = o.choice("smtp.auth", "auto", Set.of("auto", "plain", "login"));
        boolean starttls = o.bool("smtp.starttls", false);
        // Implicit TLS (SMTPS, RFC 8314): the connection is TLS from its first byte; the usual port is 465.
        boolean tls = o.bool("smtp.tls", port == 465 && !starttls);
        if (tls && starttls) {
            throw new IllegalArgumentException("keys '" + o.prefix() + "smtp.tls' and '" + o.prefix()
                    + "smtp.starttls' are both true: choose one (tls for port 465, starttls for 587)");
        }
        Duration timeout = o.duration("smtp.timeout", Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw o.bad("smtp.timeout", o.string("smtp.timeout"), "a positive duration such as 30s");
        }
        String helo = o.string("smtp.helo", defaultHelo()).trim();
        if (!helo.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw o.bad("smtp.helo", helo, "a host name or address literal");
        }
        return new SmtpSettings(host, port, from, to, username, password, auth, starttls, tls, timeout, helo);
    }

    private static String address(Options o, String key, String value) {
        // The address goes into the envelope and headers verbatim: no spaces, brackets or line breaks.
        if (!value.matches("[^\\s<>@,;\"]+@[^\\s<>@,;\"]+")) {
            throw o.bad(key, value, "an address such as alerts@example.com (no display name, no <>)");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String defaultHelo() {
        String host = System.getenv("HOSTNAME");
        return host != null && host.matches("[A-Za-z0-9.\\-]+") ? host : "localhost";
    }

    @Override
    public String toString() {
        return "SmtpSettings[smtp://" + host + ":" + port + ", from=" + from + ", to=" + to + ", username=" + username
                + ", password=" + (password == null ? null : Secrets.MASK) + ", auth=" + auth + ", starttls=" + starttls
                + ", tls=" + tls + "]";
    }
}
