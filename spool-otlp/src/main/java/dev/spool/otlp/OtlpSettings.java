package dev.spool.otlp;

import dev.spool.spi.Options;
import dev.spool.spi.durable.QueueSettings;
import dev.spool.spi.durable.QueueSettings.WhenFull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated options of one {@code otlp} destination (docs/otlp.md lists every key and default).
 * Immutable; {@link #fromOptions} throws {@link IllegalArgumentException} naming the key, the bad value
 * and what is accepted.
 *
 * @param endpoint        the full URL requests are posted to ({@code /v1/logs} added to a bare host)
 * @param json            OTLP/JSON instead of protobuf
 * @param gzip            compress request bodies
 * @param headers         extra request headers, such as {@code Authorization}
 * @param resource        extra resource attributes, besides service, host and pid
 * @param batch           when a batch is sealed into a request
 * @param maxOutstanding  requests posted and not yet answered at most ({@code requests.maxOutstanding})
 * @param requestTimeout  how long one request may take, connection included
 * @param connectTimeout  how long opening a connection may take
 * @param retryMinDelay   first wait after a retryable failure
 * @param retryMaxDelay   longest wait between retries (a longer {@code Retry-After} is cut to 5 minutes)
 * @param spool           the durable queue
 * @param closeTimeout    how long closing waits for the queue to be sent
 * @param trustStore      a PKCS12 or JKS trust store for {@code https}, or null for the JDK's
 * @param trustStorePassword its password, or null
 */
public record OtlpSettings(URI endpoint, boolean json, boolean gzip, Map<String, String> headers,
                           Map<String, String> resource, Batching batch, int maxOutstanding, Duration requestTimeout,
                           Duration connectTimeout, Duration retryMinDelay, Duration retryMaxDelay,
                           QueueSettings spool, Duration closeTimeout, Path trustStore, String trustStorePassword) {

    /** Copies the maps. */
    public OtlpSettings {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        resource = Collections.unmodifiableMap(new LinkedHashMap<>(resource));
    }

    /** When an open batch becomes a request. */
    public record Batching(int maxEvents, int maxBytes, Duration maxDelay, long maxBacklogBytes) {
    }

    static final Set<String> KEYS = Set.of("type", "level", "endpoint", "encoding", "gzip", "batch.maxEvents",
            "batch.maxBytes", "batch.maxDelay", "maxBacklog", "requests.maxOutstanding", "timeout", "connectTimeout", "retry.minDelay",
            "retry.maxDelay", "spool.dir", "spool.maxBytes", "spool.segmentBytes", "spool.fsyncInterval",
            "spool.full", "spool.blockTimeout", "close.timeout", "tls.trustStore", "tls.trustStorePassword");
    /** Requests on the wire at once by default: enough to overlap encoding, network and the receiver's work. */
    static final int DEFAULT_MAX_OUTSTANDING = 4;
    /** Each request holds its body in memory (up to {@code batch.maxBytes}) and a connection. */
    static final int MAX_OUTSTANDING = 64;
    private static final String HEADER = "headers.";
    private static final String RESOURCE = "resource.";
    /** Headers the client sets itself; setting them by hand would break the request. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-encoding", "content-length",
            "host", "connection", "expect", "upgrade", "transfer-encoding");

    /** Validates {@code options}; rejects unknown keys. */
    public static OtlpSettings fromOptions(Options o) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> resource = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : o.asMap().entrySet()) {
            String key = e.getKey();
            if (key.startsWith(HEADER) && key.length() > HEADER.length()) {
                headers.put(header(o, key), e.getValue());
            } else if (key.startsWith(RESOURCE) && key.length() > RESOURCE.length()) {
                resource.put(key.substring(RESOURCE.length()), e.getValue());
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + o.prefix() + key + "': accepted keys are "
                        + new java.util.TreeSet<>(KEYS) + ", headers.NAME and resource.NAME");
            }
        }
        long maxBytes = o.bytes("batch.maxBytes", 1024 * 1024);
        if (maxBytes < 1024 || maxBytes > 16 * 1024 * 1024) {
            throw o.bad("batch.maxBytes", o.string("batch.maxBytes", ""), "a size from 1KB to 16MB");
        }
        long backlog = o.bytes("maxBacklog", 16 * 1024 * 1024);
        if (backlog < maxBytes) {
            throw o.bad("maxBacklog", o.string("maxBacklog", ""), "a size not below batch.maxBytes");
        }
        Batching batch = new Batching(o.integer("batch.maxEvents", 1_000, 1, 100_000), (int) maxBytes,
                positive(o, "batch.maxDelay", Duration.ofMillis(200)), backlog);
        Duration min = positive(o, "retry.minDelay", Duration.ofSeconds(1));
        Duration max = positive(o, "retry.maxDelay", Duration.ofSeconds(30));
        if (max.compareTo(min) < 0) {
            throw o.bad("retry.maxDelay", o.string("retry.maxDelay", ""), "a duration not below retry.minDelay");
        }
        String trustStore = o.string("tls.trustStore", "");
        return new OtlpSettings(endpoint(o), o.choice("encoding", "protobuf", Set.of("protobuf", "json")).equals("json"),
                o.bool("gzip", false), headers, resource, batch,
                o.integer("requests.maxOutstanding", DEFAULT_MAX_OUTSTANDING, 1, MAX_OUTSTANDING), positive(o, "timeout", Duration.ofSeconds(10)),
                positive(o, "connectTimeout", Duration.ofSeconds(5)), min, max, spool(o, maxBytes),
                o.duration("close.timeout", Duration.ofSeconds(5)), trustStore.isEmpty() ? null : Path.of(trustStore),
                o.has("tls.trustStorePassword") ? o.string("tls.trustStorePassword") : null);
    }

    private static String header(Options o, String key) {
        String name = key.substring(HEADER.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!token) {
                throw o.bad(key, name, "a header name of letters, digits and -");
            }
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw o.bad(key, name, "a header other than " + new java.util.TreeSet<>(RESERVED_HEADERS)
                    + " (the destination sets those)");
        }
        String value = o.string(key);
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw o.bad(key, "(hidden)", "a value without line breaks");
        }
        return name;
    }

    private static URI endpoint(Options o) {
        String raw = o.string("endpoint");
        URI uri;
        try {
            uri = new URI(raw);
        } catch (java.net.URISyntaxException e) {
            throw o.bad("endpoint", raw, "a URL such as http://127.0.0.1:4318 or https://otel.example.com/v1/logs");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw o.bad("endpoint", raw, "an http:// or https:// URL with a host, such as http://127.0.0.1:4318");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            uri = uri.resolve("/v1/logs");
        }
        return uri;
    }

    private static QueueSettings spool(Options o, long batchBytes) {
        String raw = o.string("spool.dir");
        long segment = o.bytes("spool.segmentBytes", 16L * 1024 * 1024);
        long max = o.bytes("spool.maxBytes", 1024L * 1024 * 1024);
        if (segment < 64 * 1024 || segment > 1024L * 1024 * 1024) {
            throw o.bad("spool.segmentBytes", o.string("spool.segmentBytes", ""), "a size from 64KB to 1GB");
        }
        if (max < 2 * segment) {
            throw o.bad("spool.maxBytes", o.string("spool.maxBytes", ""), "at least twice spool.segmentBytes");
        }
        if (batchBytes * 4 > segment) {
            throw o.bad("spool.segmentBytes", o.string("spool.segmentBytes", ""), "at least 4 x batch.maxBytes");
        }
        WhenFull full = o.choice("spool.full", "block", Set.of("block", "drop-oldest")).equals("block")
                ? WhenFull.BLOCK : WhenFull.DROP_OLDEST;
        return new QueueSettings(Path.of(raw), max, segment, positive(o, "spool.fsyncInterval", Duration.ofMillis(200)),
                full, o.duration("spool.blockTimeout", Duration.ofSeconds(1)));
    }

    private static Duration positive(Options o, String key, Duration defaultValue) {
        Duration d = o.duration(key, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw o.bad(key, o.string(key, ""), "a positive duration");
        }
        return d;
    }

    /** Never prints the headers' values, which hold secrets. */
    @Override
    public String toString() {
        return "OtlpSettings[endpoint=" + endpoint + ", json=" + json + ", gzip=" + gzip + ", headers=" + headers.keySet()
                + ", resource=" + resource + ", batch=" + batch + ", maxOutstanding=" + maxOutstanding + ", spool=" + spool.dir() + "]";
    }
}
