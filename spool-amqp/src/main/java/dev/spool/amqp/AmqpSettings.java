package dev.spool.amqp;

import dev.spool.spi.durable.QueueSettings;
import dev.spool.spi.durable.QueueSettings.WhenFull;
import dev.spool.spi.Options;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The validated options of one {@code amqp} destination (docs/amqp.md lists every key and default).
 * Immutable; {@link #fromOptions} throws {@link IllegalArgumentException} naming the key, the bad value
 * and what is accepted.
 */
public record AmqpSettings(Broker broker, Topology topology, Batching batching, SpoolSettings spool,
                           Publishing publishing) {

    /**
     * Where to connect, and how. {@code tls}: the connection is {@code amqps}, with the JVM's default trust
     * store and the broker's host name verified against its certificate.
     */
    public record Broker(String host, int port, String virtualHost, String username, String password,
                         Duration heartbeat, Duration connectTimeout, Duration reconnectMinDelay,
                         Duration reconnectMaxDelay, boolean tls) {
    }

    /** What is declared on every connection: exchange, queue, dead-letter exchange and queue. */
    public record Topology(String exchange, String queue, String queueType, String bindingKey,
                           Duration messageTtl, long maxLengthMessages, boolean declareQueue) {

        /** The dead-letter exchange: expired messages go there. */
        public String deadLetterExchange() {
            return exchange + ".dlx";
        }

        /** The queue bound to the dead-letter exchange. */
        public String deadLetterQueue() {
            return queue + ".dead";
        }
    }

    /** When an open batch becomes a message. */
    public record Batching(int maxEvents, int maxBytes, Duration maxDelay, boolean gzip, long maxBacklogBytes) {
    }

    /** The disk spool; {@code dir} is null when not configured (the sink picks one, see {@link AmqpSink}). */
    public record SpoolSettings(Path dir, long maxBytes, long segmentBytes, Duration fsyncInterval,
                                WhenFull fullPolicy, Duration blockTimeout) {

        /** The durable queue these settings describe, in {@code directory}. */
        public QueueSettings queue(Path directory) {
            return new QueueSettings(directory, maxBytes, segmentBytes, fsyncInterval, fullPolicy, blockTimeout);
        }
    }

    /** The publisher thread. */
    public record Publishing(int maxOutstandingConfirms, Duration closeTimeout) {
    }

    /** The keys {@code url} stands for: one or the other. */
    private static final List<String> URL_PARTS = List.of("host", "port", "vhost", "username", "password");

    static final Set<String> KEYS = Set.of("type", "level", "url", "host", "port", "vhost", "username", "password",
            "heartbeat", "connectTimeout", "reconnect.minDelay", "reconnect.maxDelay", "exchange", "queue",
            "queueType", "binding", "messageTtl", "maxLength", "declareQueue", "batch.maxEvents",
            "batch.maxBytes", "batch.maxDelay", "gzip", "maxBacklog", "spool.dir", "spool.maxBytes",
            "spool.segmentBytes", "spool.fsyncInterval", "spool.full", "spool.blockTimeout",
            "confirms.maxOutstanding", "close.timeout");

    /** Validates {@code options}; rejects unknown keys. */
    public static AmqpSettings fromOptions(Options options) {
        options.requireOnly(KEYS);
        return new AmqpSettings(broker(options), topology(options), batching(options), spool(options),
                new Publishing(options.integer("confirms.maxOutstanding", 256, 1, 65_536),
                        options.duration("close.timeout", Duration.ofSeconds(5))));
    }

    private static Broker broker(Options o) {
        Duration min = positive(o, "reconnect.minDelay", Duration.ofSeconds(1));
        Duration max = positive(o, "reconnect.maxDelay", Duration.ofSeconds(30));
        if (max.compareTo(min) < 0) {
            throw o.bad("reconnect.maxDelay", o.string("reconnect.maxDelay", ""), "a duration not below reconnect.minDelay");
        }
        Duration heartbeat = o.duration("heartbeat", Duration.ofSeconds(10));
        if (heartbeat.toSeconds() > 65_535) {
            throw o.bad("heartbeat", o.string("heartbeat", ""), "a duration up to 65535s (0 = off)");
        }
        Duration connect = positive(o, "connectTimeout", Duration.ofSeconds(5));
        if (o.has("url")) {
            for (String part : URL_PARTS) {
                if (o.has(part)) {
                    throw o.bad(part, o.string(part, ""), "no " + part + " when url is given (url says it)");
                }
            }
            return fromUrl(o, heartbeat, connect, min, max);
        }
        return new Broker(o.string("host", "127.0.0.1"), o.integer("port", 5672, 1, 65_535), o.string("vhost", "/"),
                o.string("username", "guest"), o.string("password", "guest"), heartbeat, connect, min, max, false);
    }

    /**
     * {@code amqp://USER:PASSWORD@HOST:PORT/VHOST} or {@code amqps://...}: user, password and vhost
     * percent-decoded (vhost {@code /} is {@code %2f}; no path means {@code /}), port 5672 or 5671 by default.
     */
    private static Broker fromUrl(Options o, Duration heartbeat, Duration connect, Duration min, Duration max) {
        String raw = o.string("url");
        String accepted = "amqp://USER:PASSWORD@HOST:PORT/VHOST or amqps://... (TLS), port 1 to 65535,"
                + " vhost / written %2f";
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw o.bad("url", redact(raw), accepted);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw o.bad("url", redact(raw), accepted + " (the scheme is '" + scheme + "')");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw o.bad("url", redact(raw), accepted);
        }
        boolean tls = scheme.equals("amqps");
        int port = uri.getPort() == -1 ? (tls ? 5671 : 5672) : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw o.bad("url", redact(raw), accepted);
        }
        String user = "guest";
        String password = "guest";
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        String path = uri.getRawPath();
        String vhost = path == null || path.isEmpty() || path.equals("/") ? "/" : decode(path.substring(1));
        if (vhost.isEmpty() || (path != null && path.indexOf('/', 1) >= 0)) {
            throw o.bad("url", redact(raw), accepted);
        }
        return new Broker(uri.getHost(), port, vhost, user, password, heartbeat, connect, min, max, tls);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The url with its password as {@code ***}, for messages. */
    static String redact(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        int colon = url.indexOf(':', scheme + 3);
        return colon < 0 || colon > at ? url : url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    private static Topology topology(Options o) {
        String exchange = o.string("exchange", "spool.events");
        String queue = o.string("queue", "spool.events");
        long maxLength = o.bytes("maxLength", 1_000_000);
        if (maxLength < 1) {
            throw o.bad("maxLength", o.string("maxLength", ""), "a message count of at least 1");
        }
        return new Topology(exchange, queue, o.choice("queueType", "classic", Set.of("classic", "quorum")),
                o.string("binding", "#"), positive(o, "messageTtl", Duration.ofDays(7)), maxLength,
                o.bool("declareQueue", true));
    }

    /** Events per message unless {@code batch.maxEvents} says otherwise (docs/amqp.md, "Message size"). */
    static final int DEFAULT_MAX_EVENTS = 4_000;
    /** Body bytes per message unless {@code batch.maxBytes} says otherwise, and the segment is large enough. */
    static final long DEFAULT_MAX_BYTES = 1024 * 1024;

    /**
     * {@code batch.maxBytes}, or its default: {@value #DEFAULT_MAX_BYTES} bytes, or less when a smaller
     * {@code spool.segmentBytes} (a quarter of it) or {@code maxBacklog} is set, so that a configuration
     * written when the default was 256KB (and valid then) still starts.
     */
    private static long maxBytes(Options o) {
        if (o.has("batch.maxBytes")) {
            return o.bytes("batch.maxBytes", DEFAULT_MAX_BYTES);
        }
        long bySegment = o.bytes("spool.segmentBytes", 16L * 1024 * 1024) / 4;
        long byBacklog = o.bytes("maxBacklog", 16L * 1024 * 1024);
        return Math.max(1024, Math.min(DEFAULT_MAX_BYTES, Math.min(bySegment, byBacklog)));
    }

    private static Batching batching(Options o) {
        long maxBytes = maxBytes(o);
        if (maxBytes < 1024 || maxBytes > 16 * 1024 * 1024) {
            throw o.bad("batch.maxBytes", o.string("batch.maxBytes", ""), "a size from 1KB to 16MB");
        }
        long backlog = o.bytes("maxBacklog", 16 * 1024 * 1024);
        if (backlog < maxBytes) {
            throw o.bad("maxBacklog", o.string("maxBacklog", ""), "a size not below batch.maxBytes");
        }
        return new Batching(o.integer("batch.maxEvents", DEFAULT_MAX_EVENTS, 1, 1_000_000), (int) maxBytes,
                o.duration("batch.maxDelay", Duration.ofMillis(200)), o.bool("gzip", false), backlog);
    }

    private static SpoolSettings spool(Options o) {
        String raw = o.string("spool.dir", null);
        if (raw != null && raw.isBlank()) {
            throw o.bad("spool.dir", raw, "a directory, or no spool.dir for the default under the user's state directory");
        }
        long segment = o.bytes("spool.segmentBytes", 16L * 1024 * 1024);
        long max = o.bytes("spool.maxBytes", 1024L * 1024 * 1024);
        if (segment < 64 * 1024 || segment > 1024L * 1024 * 1024) {
            throw o.bad("spool.segmentBytes", o.string("spool.segmentBytes", ""), "a size from 64KB to 1GB");
        }
        if (max < 2 * segment) {
            throw o.bad("spool.maxBytes", o.string("spool.maxBytes", ""), "at least twice spool.segmentBytes");
        }
        if (maxBytes(o) * 4 > segment) {
            throw o.bad("spool.segmentBytes", o.string("spool.segmentBytes", ""), "at least 4 x batch.maxBytes");
        }
        WhenFull full = o.choice("spool.full", "block", Set.of("block", "drop-oldest")).equals("block")
                ? WhenFull.BLOCK : WhenFull.DROP_OLDEST;
        return new SpoolSettings(raw == null ? null : Path.of(raw), max, segment, positive(o, "spool.fsyncInterval", Duration.ofMillis(200)),
                full, o.duration("spool.blockTimeout", Duration.ofSeconds(1)));
    }

    private static Duration positive(Options o, String key, Duration defaultValue) {
        Duration d = o.duration(key, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw o.bad(key, o.string(key, ""), "a positive duration");
        }
        return d;
    }
}
