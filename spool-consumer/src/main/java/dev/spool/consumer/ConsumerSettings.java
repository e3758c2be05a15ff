package dev.spool.consumer;

import com.rabbitmq.client.ConnectionFactory;
import dev.spool.alert.Alerts;
import dev.spool.store.StoreWriter;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link Consumer} reads, where it writes and how it batches: immutable, validated when built.
 * Every check throws {@link IllegalArgumentException} naming the setting, the bad value and what is
 * accepted. The topology settings must match the producers' ({@code amqp} destination), since both sides
 * declare the same queue and a mismatch fails with PRECONDITION_FAILED.
 */
public final class ConsumerSettings {

    /** Which message structures a consumer reads (docs/consumer.md, {@code --accept}). */
    public enum Accept {
        /** Spool's JSON Lines, and Loghive's structure recognised per message by its keys (the default). */
        AUTO,
        /** Spool's JSON Lines only: a message in Loghive's structure is dead-lettered as {@code bad-event}. */
        SPOOL,
        /** Loghive's structure only, one JSON object per message. */
        LOGHIVE
    }

    /** Default prefetch, in messages per worker: see {@link Builder#prefetch(int)}. */
    public static final int DEFAULT_PREFETCH = 100;

    private final String amqpUri;
    private final String queue;
    private final String exchange;
    private final List<String> bindings;
    private final String exchangeType;
    private final List<String> services;
    private final boolean declare;
    private final Accept accept;
    private final ZoneId loghiveZone;
    private final String queueType;
    private final Duration messageTtl;
    private final long maxLength;
    private final String store;
    private final int workers;
    private final int prefetch;
    private final int batchEvents;
    private final Duration batchTime;
    private final int maxAttempts;
    private final Duration retryMinDelay;
    private final Duration delayQueueDelay;
    private final Duration retryMaxDelay;
    private final Duration reconnectMinDelay;
    private final Duration reconnectMaxDelay;
    private final Duration heartbeat;
    private final Duration closeTimeout;
    private final Duration ledgerInterval;
    private final int maxMessageBytes;
    private final int maxDecodedBytes;
    private final int maxEventBytes;
    private final Path statusFile;
    private final Supplier<StoreWriter> writerFactory;
    private final Alerts alerts;

    private ConsumerSettings(Builder b) {
        this.amqpUri = checkUri(b.amqpUri);
        this.queue = name("queue", b.queue);
        this.exchange = name("exchange", b.exchange);
        List<String> keys = b.bindings == null ? List.of("#") : b.bindings;
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("bad value [] for binding: expected one or more binding keys");
        }
        for (String key : keys) {
            if (key == null || key.length() > 255) {
                throw new IllegalArgumentException("bad value '" + key + "' for binding: expected a key of 0 to 255 characters");
            }
        }
        this.bindings = List.copyOf(keys);
        if (!b.exchangeType.equals("topic") && !b.exchangeType.equals("direct")) {
            throw new IllegalArgumentException("bad value '" + b.exchangeType + "' for exchangeType: expected topic or direct");
        }
        this.exchangeType = b.exchangeType;
        List<String> serviceQueues = new ArrayList<>();
        for (String service : b.services) {
            serviceQueues.add(name("services", service));
        }
        this.services = List.copyOf(serviceQueues);
        this.declare = b.declare;
        this.accept = Objects.requireNonNull(b.accept, "accept");
        try {
            this.loghiveZone = ZoneId.of(b.loghiveZone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("bad value '" + b.loghiveZone + "' for loghiveZone: expected a time zone"
                    + " such as UTC, Europe/Berlin or +02:00");
        }
        if (!b.queueType.equals("classic") && !b.queueType.equals("quorum")) {
            throw new IllegalArgumentException("bad value '" + b.queueType + "' for queueType: expected classic or quorum");
        }
        this.queueType = b.queueType;
        this.messageTtl = range("messageTtl", b.messageTtl, Duration.ofSeconds(1), Duration.ofDays(365));
        this.maxLength = b.maxLength;
        if (maxLength < 1) {
            throw new IllegalArgumentException("bad value " + maxLength + " for maxLength: expected 1 or more messages");
        }
        this.writerFactory = b.writerFactory;
        this.store = writerFactory != null ? Objects.requireNonNullElse(b.store, "test store") : StoreTarget.check(b.store);
        this.workers = range("workers", b.workers, 1, 64);
        this.prefetch = range("prefetch", b.prefetch, 1, 65_535);
        this.batchEvents = range("batchEvents", b.batchEvents, 1, 1_000_000);
        this.batchTime = range("batchTime", b.batchTime, Duration.ofMillis(1), Duration.ofMinutes(1));
        this.maxAttempts = range("maxAttempts", b.maxAttempts, 1, 1000);
        this.retryMinDelay = range("retryMinDelay", b.retryMinDelay, Duration.ofMillis(1), Duration.ofMinutes(1));
        this.delayQueueDelay = range("retryQueueDelay", b.delayQueueDelay, Duration.ofMillis(10), Duration.ofHours(1));
        this.retryMaxDelay = range("retryMaxDelay", b.retryMaxDelay, retryMinDelay, Duration.ofMinutes(10));
        this.reconnectMinDelay = range("reconnectMinDelay", b.reconnectMinDelay, Duration.ofMillis(1), Duration.ofMinutes(1));
        this.reconnectMaxDelay = range("reconnectMaxDelay", b.reconnectMaxDelay, reconnectMinDelay, Duration.ofMinutes(10));
        this.heartbeat = range("heartbeat", b.heartbeat, Duration.ofSeconds(1), Duration.ofMinutes(10));
        this.closeTimeout = range("closeTimeout", b.closeTimeout, Duration.ZERO, Duration.ofHours(1));
        this.ledgerInterval = range("ledgerInterval", b.ledgerInterval, Duration.ZERO, Duration.ofHours(1));
        this.maxMessageBytes = range("maxMessageBytes", b.maxMessageBytes, 1024, 512 << 20);
        this.maxDecodedBytes = range("maxDecodedBytes", b.maxDecodedBytes, 1024, 1 << 30);
        this.maxEventBytes = range("maxEventBytes", b.maxEventBytes, 256, 64 << 20);
        this.statusFile = b.statusFile;
        this.alerts = Objects.requireNonNull(b.alerts, "alerts");
    }

    /** A builder with the defaults; {@code amqpUri} and {@code store} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    public String amqpUri() { return amqpUri; }
    public String queue() { return queue; }
    public String exchange() { return exchange; }
    /** The binding keys of the consumed queues when the consumer declares them (default {@code #}). */
    public List<String> bindings() { return bindings; }
    /** {@code topic} (Spool's producers) or {@code direct} (Loghive's). */
    public String exchangeType() { return exchangeType; }
    /** The services whose queues are consumed instead of {@link #queue()} (Loghive's {@code start_consumer}); empty by default. */
    public List<String> services() { return services; }
    /** The queues consumed: one per service when {@link #services()} are set, else {@link #queue()}. */
    public List<String> queues() { return services.isEmpty() ? List.of(queue) : services; }
    /** Whether the consumer declares exchange, queues and bindings (default), or only checks that they exist. */
    public boolean declare() { return declare; }
    /** Which message structures are read (default {@link Accept#AUTO}). */
    public Accept accept() { return accept; }
    /** The zone a Loghive {@code timestamp} without an offset is read in (default UTC). */
    public ZoneId loghiveZone() { return loghiveZone; }
    public String queueType() { return queueType; }
    public Duration messageTtl() { return messageTtl; }
    public long maxLength() { return maxLength; }
    public String store() { return store; }
    public int workers() { return workers; }
    public int prefetch() { return prefetch; }
    public int batchEvents() { return batchEvents; }
    public Duration batchTime() { return batchTime; }
    public int maxAttempts() { return maxAttempts; }

    /** The delay before a message's first store retry through the delay queues; doubled for each next one. */
    public Duration retryQueueDelay() { return delayQueueDelay; }

    /** Delay queues per consumed queue: one per attempt level, at most this many (later attempts use the last). */
    static final int MAX_DELAY_LEVELS = 12;
    /** The longest a message waits in a delay queue. */
    static final Duration MAX_DELAY = Duration.ofHours(6);

    /** How many delay queues each consumed queue has: one per retry, {@code maxAttempts - 1}, at most 12. */
    int delayLevels() { return Math.min(maxAttempts - 1, MAX_DELAY_LEVELS); }

    /** The delay queue for a message that failed {@code attempts} times, e.g. {@code spool.logs.retry.2}. */
    String delayQueue(String queue, int attempts) {
        return queue + ".retry." + Math.min(attempts, delayLevels());
    }

    /** How long a message that failed {@code attempts} times waits: the delay doubled per attempt, at most 6 h. */
    long delayMillis(int attempts) {
        int level = Math.min(attempts, delayLevels());
        long ms = delayQueueDelay.toMillis();
        for (int i = 1; i < level && ms < MAX_DELAY.toMillis(); i++) {
            ms *= 2;
        }
        return Math.min(ms, MAX_DELAY.toMillis());
    }
    public Duration retryMinDelay() { return retryMinDelay; }
    public Duration retryMaxDelay() { return retryMaxDelay; }
    public Duration reconnectMinDelay() { return reconnectMinDelay; }
    public Duration reconnectMaxDelay() { return reconnectMaxDelay; }
    public Duration heartbeat() { return heartbeat; }
    public Duration closeTimeout() { return closeTimeout; }
    /** How often the consumer writes its relay ledgers into the store (docs/audit.md); zero: never. */
    public Duration ledgerInterval() { return ledgerInterval; }
    public int maxMessageBytes() { return maxMessageBytes; }
    public int maxDecodedBytes() { return maxDecodedBytes; }
    public int maxEventBytes() { return maxEventBytes; }
    /** Where the status is written every second, or null for nowhere. */
    public Path statusFile() { return statusFile; }

    /** The alert rules every committed event is offered to ({@link Alerts#NONE} by default); the caller closes them. */
    public Alerts alerts() { return alerts; }

    /** The dead-letter exchange the producers declare: {@code <exchange>.dlx}. */
    public String deadLetterExchange() { return exchange + ".dlx"; }

    /**
     * The queue bound to the dead-letter exchange: {@code <queue>.dead}, or {@code <exchange>.dead} when
     * the queues of several services are consumed.
     */
    public String deadLetterQueue() { return (services.isEmpty() ? queue : exchange) + ".dead"; }

    /** The broker URI with its password replaced by {@code ***}, for messages and the status. */
    public String amqpUriForDisplay() {
        return redact(amqpUri);
    }

    /** The store URL with a password in it replaced by {@code ***}. */
    public String storeForDisplay() {
        return redact(store);
    }

    /** Opens one store writer; each worker calls it for its own. */
    StoreWriter openWriter() {
        return writerFactory != null ? writerFactory.get() : StoreTarget.open(store);
    }

    ConnectionFactory connectionFactory() {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(amqpUri);
            if (amqpUri.regionMatches(true, 0, "amqps:", 0, 6)) {
                // The client's amqps default trusts any certificate: use the JVM's trust store (a private CA
                // through javax.net.ssl.trustStore) and check the broker's name against its certificate.
                f.useSslProtocol(javax.net.ssl.SSLContext.getDefault());
                f.enableHostnameVerification();
            }
        } catch (URISyntaxException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("amqpUri was checked when built", e);
        }
        f.setAutomaticRecoveryEnabled(false); // the worker reconnects itself: it must drop its open batch
        f.setTopologyRecoveryEnabled(false);
        f.setRequestedHeartbeat((int) heartbeat.toSeconds());
        f.setConnectionTimeout(5_000);
        return f;
    }

    private static String checkUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("missing amqpUri: expected amqp://USER:PASSWORD@HOST:PORT/VHOST,"
                    + " for example amqp://guest:guest@127.0.0.1:5672/%2f");
        }
        try {
            URI parsed = new URI(uri);
            if (!"amqp".equalsIgnoreCase(parsed.getScheme()) && !"amqps".equalsIgnoreCase(parsed.getScheme())) {
                throw new URISyntaxException(uri, "the scheme must be amqp or amqps");
            }
            if (parsed.getHost() == null) {
                throw new URISyntaxException(uri, "no host");
            }
            new ConnectionFactory().setUri(parsed);
        } catch (URISyntaxException | IllegalArgumentException | java.security.GeneralSecurityException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace(uri, redact(uri));
            throw new IllegalArgumentException("bad value '" + redact(uri) + "' for amqpUri (" + why + "): expected amqp://USER:PASSWORD@HOST:PORT/VHOST,"
                    + " for example amqp://guest:guest@127.0.0.1:5672/%2f", null);
        }
        return uri;
    }

    static String redact(String uri) {
        int at = uri.lastIndexOf('@');
        int scheme = uri.indexOf("://");
        if (at < 0 || scheme < 0 || at < scheme) {
            return uri;
        }
        int colon = uri.indexOf(':', scheme + 3);
        return colon < 0 || colon > at ? uri : uri.substring(0, colon + 1) + "***" + uri.substring(at);
    }

    private static String name(String key, String value) {
        if (value == null || value.isEmpty() || value.length() > 255) {
            throw new IllegalArgumentException("bad value '" + value + "' for " + key + ": expected a name of 1 to 255 characters");
        }
        return value;
    }

    private static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("bad value " + value + " for " + key + ": expected " + min + " to " + max);
        }
        return value;
    }

    private static Duration range(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("bad value " + value + " for " + key + ": expected " + min + " to " + max);
        }
        return value;
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String amqpUri;
        private String queue = "spool.events";
        private String exchange = "spool.events";
        private List<String> bindings;
        private String exchangeType = "topic";
        private List<String> services = List.of();
        private boolean declare = true;
        private Accept accept = Accept.AUTO;
        private String loghiveZone = "UTC";
        private String queueType = "classic";
        private Duration messageTtl = Duration.ofDays(7);
        private long maxLength = 1_000_000;
        private String store;
        private int workers = 1;
        private int prefetch = DEFAULT_PREFETCH;
        private int batchEvents = 1000;
        private Duration batchTime = Duration.ofMillis(200);
        private int maxAttempts = 5;
        private Duration delayQueueDelay = Duration.ofSeconds(10);
        private Duration retryMinDelay = Duration.ofMillis(100);
        private Duration retryMaxDelay = Duration.ofSeconds(5);
        private Duration reconnectMinDelay = Duration.ofMillis(500);
        private Duration reconnectMaxDelay = Duration.ofSeconds(10);
        private Duration heartbeat = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Duration ledgerInterval = Duration.ofSeconds(10);
        private int maxMessageBytes = 16 << 20;
        private int maxDecodedBytes = 64 << 20;
        private int maxEventBytes = 1 << 20;
        private Path statusFile;
        private Supplier<StoreWriter> writerFactory;
        private Alerts alerts = Alerts.NONE;

        private Builder() {
        }

        /** The broker, {@code amqp://USER:PASSWORD@HOST:PORT/VHOST} (vhost {@code /} is {@code %2f}). Required. */
        public Builder amqpUri(String uri) { this.amqpUri = uri; return this; }

        /** The queue consumed (default {@code spool.events}); declared like the producers declare it. */
        public Builder queue(String name) { this.queue = name; return this; }

        /** The topic exchange the queue is bound to (default {@code spool.events}); dead letters go to {@code <exchange>.dlx}. */
        public Builder exchange(String name) { this.exchange = name; return this; }

        /** The binding key of the queue (default {@code #}, everything). */
        public Builder binding(String key) { this.bindings = key == null ? null : List.of(key); return this; }

        /** The binding keys of the consumed queues, when the consumer declares them (default {@code #}). */
        public Builder bindings(List<String> keys) { this.bindings = keys; return this; }

        /** {@code topic} (default, as Spool's producers declare it) or {@code direct} (as Loghive declares it). */
        public Builder exchangeType(String type) { this.exchangeType = type; return this; }

        /**
         * Consume the queues of these services (each queue named as its service, as Loghive's
         * {@code start_consumer(["a", "b"])}) instead of {@link #queue(String)}; when declaring, each is
         * bound with its service name as the key.
         */
        public Builder services(List<String> names) { this.services = List.copyOf(names); return this; }

        /**
         * Whether to declare the exchange, queues and bindings (default true). False consumes a topology
         * someone else owns: the consumer only checks that they exist (passively) and declares nothing but
         * its own dead-letter exchange and queue.
         */
        public Builder declare(boolean declare) { this.declare = declare; return this; }

        /** Which message structures are read (default {@link Accept#AUTO}: Spool's, and Loghive's by its keys). */
        public Builder accept(Accept accept) { this.accept = accept; return this; }

        /** The zone a Loghive {@code timestamp} without an offset is read in (default {@code UTC}). */
        public Builder loghiveZone(String zone) { this.loghiveZone = zone; return this; }

        /** {@code classic} (default) or {@code quorum}: as the producers declare it. */
        public Builder queueType(String type) { this.queueType = type; return this; }

        /** The queue's {@code x-message-ttl} (default 7 days): as the producers declare it. */
        public Builder messageTtl(Duration ttl) { this.messageTtl = ttl; return this; }

        /** The queue's {@code x-max-length} in messages (default 1,000,000): as the producers declare it. */
        public Builder maxLength(long messages) { this.maxLength = messages; return this; }

        /** Where events are committed: {@code postgresql://HOST:PORT/DATABASE} or {@code sqlite:FILE}. Required. */
        public Builder store(String url) { this.store = url; return this; }

        /** Worker threads, each with its own connection, channel and store writer (default 1, at most 64). */
        public Builder workers(int n) { this.workers = n; return this; }

        /**
         * Unacknowledged messages the broker sends each worker ahead (default {@value #DEFAULT_PREFETCH}):
         * enough for a batch of small messages plus the next one arriving while the batch commits;
         * bounded so that a worker holds at most prefetch x message size in memory.
         */
        public Builder prefetch(int messages) { this.prefetch = messages; return this; }

        /** A batch is committed once it holds this many events (default 1000). */
        public Builder batchEvents(int n) { this.batchEvents = n; return this; }

        /** ... or once its first message has waited this long (default 200 ms). */
        public Builder batchTime(Duration time) { this.batchTime = time; return this; }

        /** Attempts of a message alone that fail with a non-retryable store error before it is dead-lettered (default 5). */
        public Builder maxAttempts(int n) { this.maxAttempts = n; return this; }
        /** The first delay of the delay queues (default 10 s), doubled per attempt; docs/consumer.md. */
        public Builder retryQueueDelay(Duration d) { this.delayQueueDelay = d; return this; }

        /** Backoff between attempts of a failed batch write (default 100 ms doubling to 5 s). */
        public Builder retryDelay(Duration min, Duration max) { this.retryMinDelay = min; this.retryMaxDelay = max; return this; }

        /** Backoff between broker connection attempts (default 500 ms doubling to 10 s, with jitter). */
        public Builder reconnectDelay(Duration min, Duration max) { this.reconnectMinDelay = min; this.reconnectMaxDelay = max; return this; }

        /** AMQP heartbeat (default 10 s): a dead broker is noticed within about twice this. */
        public Builder heartbeat(Duration d) { this.heartbeat = d; return this; }

        /** How long {@link Consumer#close()} keeps trying to commit the open batches (default 10 s). */
        public Builder closeTimeout(Duration d) { this.closeTimeout = d; return this; }

        /**
         * How often the consumer writes its relay ledgers (default 10 s, as {@code ledger.interval} of a
         * pipeline; zero: never, not even at close): per producer, events received and committed
         * (docs/audit.md).
         */
        public Builder ledgerInterval(Duration d) { this.ledgerInterval = d; return this; }

        /** Largest message body accepted as received (default 16 MiB); larger ones are dead-lettered. */
        public Builder maxMessageBytes(int bytes) { this.maxMessageBytes = bytes; return this; }

        /** Largest body after gzip decompression (default 64 MiB): the bound against gzip bombs. */
        public Builder maxDecodedBytes(int bytes) { this.maxDecodedBytes = bytes; return this; }

        /** Longest event line (default 1 MiB). */
        public Builder maxEventBytes(int bytes) { this.maxEventBytes = bytes; return this; }

        /** A file the consumer rewrites atomically every second with its status, for {@code spool status --consumer}. */
        public Builder statusFile(Path file) { this.statusFile = file; return this; }

        /**
         * Alert rules: each event is {@link Alerts#offer offered} once committed (again if a redelivery
         * commits it again as a duplicate). The consumer never closes them: whoever made them does, after
         * {@link Consumer#close()}.
         */
        public Builder alerts(Alerts rules) { this.alerts = rules; return this; }

        /** Tests: writers from elsewhere than {@code store}. */
        Builder writerFactory(Supplier<StoreWriter> factory) { this.writerFactory = factory; return this; }

        /** @throws IllegalArgumentException naming the first bad setting */
        public ConsumerSettings build() {
            return new ConsumerSettings(this);
        }
    }
}
