package dev.spool.amqp;

import dev.spool.spi.durable.QueueSettings;
import dev.spool.spi.durable.QueueSettings.WhenFull;
import dev.spool.spi.Options;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The validated options of one {@code amqp} destination (docs/amqp.md lists every key and default).
 * Immutable; {@link #fromOptions} throws {@link IllegalArgumentException} naming the key, the bad value
 * and what is accepted.
 */
public record AmqpSettings(Broker broker, Topology topology, Batching batching, SpoolSettings spool,
                           Publishing publishing) {

    /** Where to connect, and how. */
    public record Broker(String host, int port, String virtualHost, String username, String password,
                         Duration heartbeat, Duration connectTimeout, Duration reconnectMinDelay,
                         Duration reconnectMaxDelay) {
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

    /** The disk spool. */
    public record SpoolSettings(Path dir, long maxBytes, long segmentBytes, Duration fsyncInterval,
                                WhenFull fullPolicy, Duration blockTimeout) {

        /** The durable queue these settings describe. */
        public QueueSettings queue() {
            return new QueueSettings(dir, maxBytes, segmentBytes, fsyncInterval, fullPolicy, blockTimeout);
        }
    }

    /** The publisher thread. */
    public record Publishing(int maxOutstandingConfirms, Duration closeTimeout) {
    }

    static final Set<String> KEYS = Set.of("type", "level", "host", "port", "vhost", "username", "password",
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
        return new Broker(o.string("host", "127.0.0.1"), o.integer("port", 5672, 1, 65_535), o.string("vhost", "/"),
                o.string("username", "guest"), o.string("password", "guest"), heartbeat,
                positive(o, "connectTimeout", Duration.ofSeconds(5)), min, max);
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

    private static Batching batching(Options o) {
        long maxBytes = o.bytes("batch.maxBytes", 256 * 1024);
        if (maxBytes < 1024 || maxBytes > 16 * 1024 * 1024) {
            throw o.bad("batch.maxBytes", o.string("batch.maxBytes", ""), "a size from 1KB to 16MB");
        }
        long backlog = o.bytes("maxBacklog", 16 * 1024 * 1024);
        if (backlog < maxBytes) {
            throw o.bad("maxBacklog", o.string("maxBacklog", ""), "a size not below batch.maxBytes");
        }
        return new Batching(o.integer("batch.maxEvents", 1_000, 1, 1_000_000), (int) maxBytes,
                o.duration("batch.maxDelay", Duration.ofMillis(200)), o.bool("gzip", false), backlog);
    }

    private static SpoolSettings spool(Options o) {
        String raw = o.string("spool.dir");
        long segment = o.bytes("spool.segmentBytes", 16L * 1024 * 1024);
        long max = o.bytes("spool.maxBytes", 1024L * 1024 * 1024);
        if (segment < 64 * 1024 || segment > 1024L * 1024 * 1024) {
            throw o.bad("spool.segmentBytes", o.string("spool.segmentBytes", ""), "a size from 64KB to 1GB");
        }
        if (max < 2 * segment) {
            throw o.bad("spool.maxBytes", o.string("spool.maxBytes", ""), "at least twice spool.segmentBytes");
        }
        if (o.bytes("batch.maxBytes", 256 * 1024) * 4 > segment) {
            throw o.bad("spool.segmentBytes", o.string("spool.segmentBytes", ""), "at least 4 x batch.maxBytes");
        }
        WhenFull full = o.choice("spool.full", "block", Set.of("block", "drop-oldest")).equals("block")
                ? WhenFull.BLOCK : WhenFull.DROP_OLDEST;
        return new SpoolSettings(Path.of(raw), max, segment, positive(o, "spool.fsyncInterval", Duration.ofMillis(200)),
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
