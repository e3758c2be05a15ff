package dev.spool.cli.collector;

import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.config.ConfigFile;
import dev.spool.forward.CollectorAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spool collect}: listens for events from other processes and writes them through the pipeline of
 * a configuration file, until the process is stopped (SIGTERM, Ctrl-C), which acknowledges what was
 * written and drains the pipeline.
 */
@Command(name = "collect",
        description = {
            "Receive events from other processes and write them through a pipeline, until stopped.",
            "",
            "Any process can send: Spool's forward destination, or a client in any language speaking "
                    + "docs/protocol.md (NDJSON events, acknowledged once written and flushed), or any "
                    + "OpenTelemetry SDK over OTLP/HTTP (docs/otlp.md: --listen otlp+http://HOST:4318). "
                    + "The configuration file's destinations and routes say where events are written.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "143:stopped by SIGTERM (130: Ctrl-C) after writing what it acknowledged and draining the pipeline",
            "1:could not listen or open a destination",
            "2:usage error"})
public final class CollectCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--listen", paramLabel = "ADDRESS",
            description = "tcp://HOST:PORT or unix:PATH (Spool's protocol), otlp+http://HOST:PORT (OTLP/HTTP "
                    + "logs); repeatable (default: tcp://127.0.0.1:5170).")
    List<String> listen = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file of the collector's pipeline (default: as Spool finds one: "
                    + "-Dspool.config, $SPOOL_CONFIG, ./spool.properties).")
    Path config;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the shared token TCP clients must send (not on the command line, "
                    + "where other users could read it).")
    Path tokenFile;

    @Option(names = "--max-connections", defaultValue = "1024", paramLabel = "N",
            description = "Connections open at once (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-event-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Longest accepted event line (default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @Option(names = "--max-request-bytes", defaultValue = "8388608", paramLabel = "BYTES",
            description = "Largest OTLP request body, before and after gzip (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Option(names = "--max-otlp-requests", defaultValue = "64", paramLabel = "N",
            description = "OTLP requests waiting or being handled at once; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxOtlpRequests;

    @Option(names = "--dedup-seed", paramLabel = "FILE",
            description = "A JSON Lines file the pipeline writes, read back at start for de-duplication; "
                    + "repeatable. The configuration's json file and rolling destinations are added by themselves.")
    List<Path> dedupSeeds = new ArrayList<>();

    @Option(names = "--spill-dir", paramLabel = "DIR",
            description = "The spill directory the workers forward with (their spillDir): what a worker that "
                    + "ended left there undelivered is adopted and written by this collector.")
    Path spillDir;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        CollectorConfig settings = settings();
        Collector collector;
        try {
            collector = Collector.start(settings);
        } catch (IllegalStateException e) {
            // One line: what could not be done (listen on an address, open a destination), no exception class.
            throw new IllegalStateException(e.getMessage() + "; see --listen and --config", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Object> addresses = new ArrayList<>(collector.addresses());
        addresses.addAll(collector.otlpAddresses());
        out.println("spool collect: listening on " + addresses + ", writing through pipeline '"
                + settings.pipeline().name() + "'");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            stopped.countDown();
        }, "spool-collect-stop"));
        stopped.await();
        return 0;
    }

    private CollectorConfig settings() throws IOException {
        SpoolConfig pipeline;
        List<Path> seeds = new ArrayList<>(dedupSeeds);
        try {
            if (config != null) {
                pipeline = ConfigFile.load(config);
                seeds.addAll(SeedFiles.of(config));
            } else {
                pipeline = ConfigFile.discover().orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "no configuration: give --config FILE with the destinations to write to"));
            }
            CollectorConfig.Builder builder = CollectorConfig.builder(pipeline)
                    .maxConnections(maxConnections).maxEventBytes(maxEventBytes).token(token())
                    .maxRequestBytes(maxRequestBytes).maxOtlpRequests(maxOtlpRequests);
            (listen.isEmpty() ? List.of("tcp://127.0.0.1:5170") : listen).forEach(builder::listen);
            seeds.forEach(builder::dedupSeedFile);
            return builder.spillDir(spillDir).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private String token() throws IOException {
        if (tokenFile == null) {
            return null;
        }
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --token-file " + tokenFile + " ("
                    + e.getClass().getSimpleName() + "): expected a readable file holding the token", e);
        }
    }

    /** For {@code spool status}: the default address, as {@code collect} listens on it. */
    static CollectorAddress defaultAddress() {
        return CollectorAddress.parse("tcp://127.0.0.1:5170");
    }
}
