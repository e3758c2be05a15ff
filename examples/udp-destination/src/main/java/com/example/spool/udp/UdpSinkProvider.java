package com.example.spool.udp;

import dev.spool.format.Formats;
import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code udp} destination type: {@code host} (default 127.0.0.1), {@code port} (required),
 * {@code maxDatagramBytes} (default 8192), the format keys ({@code format}, {@code pattern},
 * {@code timezone}, {@code json.rename.KEY}, {@code json.static.NAME}) and {@code level}, which every
 * destination takes and the pipeline reads. Found by {@link java.util.ServiceLoader}.
 */
public final class UdpSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = keys();

    /** Made by {@link java.util.ServiceLoader}. */
    public UdpSinkProvider() {
    }

    @Override
    public String type() {
        return "udp";
    }

    /** Checks every option now, so a bad configuration fails when it is read, not when events flow. */
    @Override
    public SinkFactory configure(Options options) {
        options.requireOnly(KEYS, Formats.OPTION_PREFIXES);
        String host = options.string("host", "127.0.0.1");
        options.string("port"); // required: "missing key 'destination.NAME.port'"
        int port = options.integer("port", 0, 1, 65_535);
        int maxDatagramBytes = options.integer("maxDatagramBytes", 8_192, 512, 65_507);
        Formats.fromOptions(options);
        InetSocketAddress target = new InetSocketAddress(host, port);
        return context -> new UdpSink(target, maxDatagramBytes, Formats.fromOptions(options));
    }

    private static Set<String> keys() {
        Set<String> keys = new HashSet<>(Set.of("level", "host", "port", "maxDatagramBytes"));
        keys.addAll(Formats.OPTION_KEYS);
        return Set.copyOf(keys);
    }
}
