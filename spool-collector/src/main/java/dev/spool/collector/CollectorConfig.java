package dev.spool.collector;

import dev.spool.SpoolConfig;
import dev.spool.collector.json.JsonEventReader;
import dev.spool.forward.CollectorAddress;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable configuration of a collector: where it listens, the pipeline it writes through, and
 * its limits. Validated in the constructor; errors name the setting, the bad value and what is accepted.
 *
 * @param listen            addresses to listen on (at least one); TCP port 0 lets the system choose
 * @param pipeline          the pipeline received events are written through (its destinations and routes)
 * @param token             shared secret TCP clients must send in the handshake; null for none (unix
 *                          sockets never need it: their file is 0600)
 * @param maxEventBytes     longest accepted line; a longer one closes the connection
 * @param maxConnections    connections open at once; more are refused
 * @param idleTimeout       a connection that sends nothing for this long is closed
 * @param lineTimeout       a line must arrive completely within this time after its first byte
 * @param handshakeTimeout  the handshake must arrive within this time after connecting
 * @param dedupWindow       event ids remembered for de-duplication (at least this many, at most twice)
 * @param dedupSeedFiles    JSON Lines files the pipeline writes; their newest ids seed the window at start,
 *                          so events written before a crash are not written again when resent. A torn
 *                          last line (a crash mid-write) is cut off: it was never acknowledged.
 * @param dedupSeedBytes    how much of the end of each seed file is read
 * @param spillDir          a spill directory shared by the workers ({@link Collector#configureWorker} passes it
 *                          to them as their {@code spillDir}): queues there whose forwarder ended with
 *                          events undelivered are adopted and written by the collector; null for none
 * @param otlpListen        OTLP/HTTP addresses to listen on ({@code otlp+http://HOST:PORT}); port 0 lets the
 *                          system choose
 * @param maxRequestBytes   largest OTLP request body accepted, before and after gzip inflation (413 above)
 * @param maxOtlpRequests   OTLP requests waiting or being handled at once; more are answered 503
 */
public record CollectorConfig(List<CollectorAddress> listen, SpoolConfig pipeline, String token, int maxEventBytes,
                              int maxConnections, Duration idleTimeout, Duration lineTimeout,
                              Duration handshakeTimeout, int dedupWindow, List<java.nio.file.Path> dedupSeedFiles,
                              long dedupSeedBytes, java.nio.file.Path spillDir, List<InetSocketAddress> otlpListen,
                              int maxRequestBytes, int maxOtlpRequests) {

    /** A configuration without a spill directory and without OTLP listeners. */
    public CollectorConfig(List<CollectorAddress> listen, SpoolConfig pipeline, String token, int maxEventBytes,
                           int maxConnections, Duration idleTimeout, Duration lineTimeout, Duration handshakeTimeout,
                           int dedupWindow, List<java.nio.file.Path> dedupSeedFiles, long dedupSeedBytes) {
        this(listen, pipeline, token, maxEventBytes, maxConnections, idleTimeout, lineTimeout, handshakeTimeout,
                dedupWindow, dedupSeedFiles, dedupSeedBytes, null, List.of(), 8 << 20, 64);
    }

    /** Validates everything. */
    public CollectorConfig {
        listen = List.copyOf(listen);
        dedupSeedFiles = List.copyOf(dedupSeedFiles);
        otlpListen = List.copyOf(otlpListen);
        Objects.requireNonNull(pipeline, "pipeline");
        if (listen.isEmpty() && otlpListen.isEmpty()) {
            throw new IllegalArgumentException("a collector needs at least one address to listen on");
        }
        if (token != null && token.isEmpty()) {
            throw new IllegalArgumentException("bad value '' for 'token': expected a non-empty secret or none");
        }
        check(maxEventBytes >= 1024 && maxEventBytes <= (1 << 30), "maxEventBytes", maxEventBytes, "1024 to 1073741824");
        check(maxConnections >= 1 && maxConnections <= 1_000_000, "maxConnections", maxConnections, "1 to 1000000");
        check(dedupWindow >= 1 && dedupWindow <= (1 << 26), "dedupWindow", dedupWindow, "1 to 67108864");
        check(dedupSeedBytes >= 0, "dedupSeedBytes", dedupSeedBytes, "0 or more");
        check(maxRequestBytes >= 1024 && maxRequestBytes <= (1 << 30), "maxRequestBytes", maxRequestBytes,
                "1024 to 1073741824");
        check(maxOtlpRequests >= 1 && maxOtlpRequests <= 100_000, "maxOtlpRequests", maxOtlpRequests, "1 to 100000");
        positive(idleTimeout, "idleTimeout");
        positive(lineTimeout, "lineTimeout");
        positive(handshakeTimeout, "handshakeTimeout");
    }

    private static void check(boolean ok, String key, Object value, String accepted) {
        if (!ok) {
            throw new IllegalArgumentException("bad value '" + value + "' for '" + key + "': expected " + accepted);
        }
    }

    private static void positive(Duration d, String key) {
        check(d != null && !d.isNegative() && !d.isZero(), key, d, "a positive duration");
    }

    /** The scheme of OTLP/HTTP addresses. */
    public static final String OTLP_HTTP = "otlp+http://";

    private static InetSocketAddress otlpAddress(String text) {
        String hostPort = text.substring(OTLP_HTTP.length());
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0) {
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (port >= 0 && port <= 65_535 && !host.isBlank()) {
                    return InetSocketAddress.createUnresolved(host, port);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("bad address '" + text
                + "': expected otlp+http://HOST:PORT (such as otlp+http://127.0.0.1:4318)");
    }

    /** A builder writing through {@code pipeline}, with the defaults and no address yet. */
    public static Builder builder(SpoolConfig pipeline) {
        return new Builder(pipeline);
    }

    /** Builds a {@link CollectorConfig}; not thread-safe. */
    public static final class Builder {
        private final SpoolConfig pipeline;
        private final List<CollectorAddress> listen = new ArrayList<>();
        private final List<java.nio.file.Path> seeds = new ArrayList<>();
        private String token;
        private int maxEventBytes = JsonEventReader.DEFAULT_MAX_EVENT_BYTES;
        private int maxConnections = 1_024;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration lineTimeout = Duration.ofSeconds(30);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int dedupWindow = 1 << 18;
        private long dedupSeedBytes = 256L << 20;
        private java.nio.file.Path spillDir;
        private final List<InetSocketAddress> otlpListen = new ArrayList<>();
        private int maxRequestBytes = 8 << 20;
        private int maxOtlpRequests = 64;

        private Builder(SpoolConfig pipeline) {
            this.pipeline = pipeline;
        }

        public Builder listen(CollectorAddress address) { listen.add(address); return this; }
        /**
         * Parses and adds an address: {@code tcp://127.0.0.1:5170} or {@code unix:/run/spool.sock} for Spool's
         * protocol, {@code otlp+http://127.0.0.1:4318} for OTLP/HTTP.
         */
        public Builder listen(String address) {
            if (address != null && address.trim().startsWith(OTLP_HTTP)) {
                otlpListen.add(otlpAddress(address.trim()));
                return this;
            }
            return listen(CollectorAddress.parse(address));
        }
        public Builder maxRequestBytes(int bytes) { this.maxRequestBytes = bytes; return this; }
        public Builder maxOtlpRequests(int requests) { this.maxOtlpRequests = requests; return this; }
        public Builder token(String sharedToken) { this.token = sharedToken; return this; }
        public Builder maxEventBytes(int bytes) { this.maxEventBytes = bytes; return this; }
        public Builder maxConnections(int connections) { this.maxConnections = connections; return this; }
        public Builder idleTimeout(Duration timeout) { this.idleTimeout = timeout; return this; }
        public Builder lineTimeout(Duration timeout) { this.lineTimeout = timeout; return this; }
        public Builder handshakeTimeout(Duration timeout) { this.handshakeTimeout = timeout; return this; }
        public Builder dedupWindow(int ids) { this.dedupWindow = ids; return this; }
        public Builder dedupSeedFile(java.nio.file.Path jsonLinesFile) { seeds.add(jsonLinesFile); return this; }
        public Builder dedupSeedBytes(long bytes) { this.dedupSeedBytes = bytes; return this; }
        /** The workers' shared spill directory, adopted by the collector; see {@link CollectorConfig#spillDir()}. */
        public Builder spillDir(java.nio.file.Path dir) { this.spillDir = dir; return this; }

        public CollectorConfig build() {
            return new CollectorConfig(listen, pipeline, token, maxEventBytes, maxConnections, idleTimeout,
                    lineTimeout, handshakeTimeout, dedupWindow, seeds, dedupSeedBytes, spillDir, otlpListen,
                    maxRequestBytes, maxOtlpRequests);
        }
    }
}
