package dev.spool.cli.consumer;

import dev.spool.consumer.Consumer;
import dev.spool.consumer.ConsumerSettings;
import dev.spool.consumer.ConsumerStats;
import dev.spool.alert.Alerts;
import dev.spool.spi.Options;
import dev.spool.store.StoreException;
import dev.spool.config.ConfigFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code spool consume}: takes batches of events from a RabbitMQ queue and commits them to PostgreSQL or
 * SQLite until stopped (SIGTERM, Ctrl-C), which commits and acknowledges what it holds. Prints a status
 * line and keeps a status file for {@code spool status --consumer}.
 */
@Command(name = "consume",
        description = {
            "Ingest events from a RabbitMQ queue into PostgreSQL or SQLite, until stopped.",
            "",
            "Messages are acknowledged only once their events are committed; redeliveries are "
                    + "de-duplicated by event id, so any number of consumers may share a queue. Invalid "
                    + "messages go to the queue's dead-letter queue (<queue>.dead) with a reason header. "
                    + "See docs/consumer.md.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool consume --amqp amqp://guest:guest@127.0.0.1:5672/%%2f \\",
            "      --queue spool.events --store postgresql://127.0.0.1:5432/spool --workers 2",
            "  spool consume --amqp amqp://guest:guest@rabbit:5672/%%2f \\",
            "      --store sqlite:logs/spool.db",
            "  spool status --consumer     its health, from another shell",
            "  spool consume --exchange logs --exchange-type direct --services billing,auth \\",
            "      --no-declare --store postgresql://127.0.0.1:5432/spool",
            "                              (Loghive's queues, as they are)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"143:stopped by SIGTERM (130: Ctrl-C) after committing and acknowledging what it held",
            "1:the store could not be opened (not a database, missing database, newer schema), or a queue or "
                    + "exchange exists with other arguments than this consumer declares (see --no-declare)",
            "2:usage error: a bad option, AMQP URI or store URL"})
public final class ConsumeCommand implements Callable<Integer> {

    static final String DEFAULT_AMQP = "amqp://guest:guest@127.0.0.1:5672/%2f";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of options: each key an option's long name without the dashes "
                    + "(amqp, store, workers, no-declare = true, binding = a,b, ...), values may use ${env:NAME}; "
                    + "options given on the command line win.")
    Path configFile;

    @Option(names = "--amqp", paramLabel = "URI", defaultValue = DEFAULT_AMQP,
            description = "The broker: amqp://USER:PASSWORD@HOST:PORT/VHOST, vhost / written %%2f "
                    + "(default: ${DEFAULT-VALUE}).")
    String amqp;

    @Option(names = "--queue", paramLabel = "NAME", defaultValue = "spool.events",
            description = "The queue to consume (default: ${DEFAULT-VALUE}); declared as the producers declare it.")
    String queue;

    @Option(names = "--exchange", paramLabel = "NAME", defaultValue = "spool.events",
            description = "The topic exchange the queue is bound to (default: ${DEFAULT-VALUE}).")
    String exchange;

    @Option(names = "--exchange-type", paramLabel = "TYPE", defaultValue = "topic",
            description = "topic (Spool's producers) or direct (Loghive's) (default: ${DEFAULT-VALUE}).")
    String exchangeType;

    @Option(names = "--binding", paramLabel = "KEY",
            description = "A binding key of the queue when the consumer declares it; repeatable (default: #).")
    List<String> bindings;

    @Option(names = "--services", paramLabel = "A,B", split = ",",
            description = "Consume the queue of each of these services (named as the service, bound with its name "
                    + "as the key), as Loghive's start_consumer([\"A\", \"B\"]), instead of --queue.")
    List<String> services;

    @Option(names = "--no-declare", description = "Declare nothing (but the dead-letter queue): only check that the "
            + "exchange and queues exist. For a topology someone else owns, e.g. Loghive's.")
    boolean noDeclare;

    @Option(names = "--accept", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Message structures read: auto (Spool's JSON Lines, and Loghive's {service, level, "
                    + "message, information, timestamp} recognised by its keys), spool, or loghive "
                    + "(default: ${DEFAULT-VALUE}).")
    String accept;

    @Option(names = "--loghive-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of Loghive timestamps written without one (default: ${DEFAULT-VALUE}).")
    String loghiveZone;

    @Option(names = "--store", paramLabel = "URL",
            description = "Where to commit: postgresql://HOST:PORT/DATABASE or sqlite:FILE (required, here or in --config).")
    String store;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Worker threads, each with its own connection and store writer (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--prefetch", paramLabel = "N", defaultValue = "" + ConsumerSettings.DEFAULT_PREFETCH,
            description = "Unacknowledged messages per worker (default: ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = "--batch-events", paramLabel = "N", defaultValue = "1000",
            description = "Commit a batch at this many events (default: ${DEFAULT-VALUE}).")
    int batchEvents;

    @Option(names = "--batch-time", paramLabel = "DURATION", defaultValue = "200ms",
            description = "... or when its first message has waited this long (default: ${DEFAULT-VALUE}).")
    String batchTime;

    @Option(names = "--ledger-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "How often the consumer writes its relay ledgers into the store, for spool audit "
                    + "(default: ${DEFAULT-VALUE}; 0s: never; docs/audit.md).")
    String ledgerInterval;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "5",
            description = "Dead-letter a message after this many non-retryable store failures; before that it waits in "
                    + "a delay queue QUEUE.retry.N and comes back (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long a message the store failed waits in the delay queue before its first retry; doubled "
                    + "for each next one, at most 6h (default: ${DEFAULT-VALUE}).")
    String retryDelay;

    @Option(names = "--status-file", paramLabel = "FILE",
            description = "Status file rewritten every second for 'spool status --consumer' "
                    + "(default: spool-consumer-QUEUE.json in the temporary directory).")
    Path statusFile;

    @Option(names = "--alerts", paramLabel = "FILE",
            description = "Properties file with alert rules (alert.NAME.* keys, docs/alerts.md) applied to every "
                    + "committed event; sent off the ingest path.")
    Path alertsFile;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (configFile != null) {
            return withConfigFile();
        }
        Alerts alerts = alerts();
        ConsumerSettings settings = settings(alerts);
        PrintWriter out = spec.commandLine().getOut();
        Consumer consumer;
        try {
            consumer = Consumer.start(settings);
        } catch (StoreException e) {
            alerts.close();
            throw new IOException("cannot open the store " + settings.storeForDisplay() + ": " + e.getMessage(), e);
        }
        out.println("spool consume: " + settings.amqpUriForDisplay() + " queue '" + String.join(",", settings.queues()) + "' -> "
                + settings.storeForDisplay() + ", " + settings.workers() + " worker(s); status in " + settings.statusFile());
        out.flush();
        StatusLine line = new StatusLine(out, System.console() != null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.close();
            alerts.close(); // after the consumer: every committed event has been offered
            ConsumerStats last = consumer.stats();
            line.finish(last);
            stopped.countDown();
        }, "spool-consume-stop"));
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            line.update(consumer.stats());
            if (consumer.fatalError() != null) {
                spec.commandLine().getErr().println("spool consume: " + consumer.fatalError());
                spec.commandLine().getErr().flush();
                return 1; // the shutdown hook closes the consumer as the JVM exits
            }
        }
        return 0;
    }

    /**
     * Runs the command again with the file's options in front of the command line's, each only when the
     * command line does not give it: flags override the file.
     */
    private int withConfigFile() throws IOException, InterruptedException {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(configFile)) {
            file.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --config " + configFile + ": " + e.getMessage(), e);
        }
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        TreeSet<String> accepted = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            if (o.longestName().startsWith("--") && !o.usageHelp() && !o.longestName().equals("--config")) {
                accepted.add(o.longestName().substring(2));
            }
        }
        List<String> args = new ArrayList<>();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            String name = key.strip();
            if (!accepted.contains(name)) {
                throw new ParameterException(spec.commandLine(), "unknown key '" + key + "' in --config " + configFile
                        + ": expected option names without dashes: " + String.join(", ", accepted));
            }
            if (given.hasMatchedOption("--" + name)) {
                continue; // the command line wins
            }
            String value;
            try {
                value = ConfigFile.substitute(key, file.getProperty(key).strip(), System::getProperty, System::getenv);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "in --config " + configFile + ": " + e.getMessage(), e);
            }
            CommandLine.Model.OptionSpec option = spec.findOption("--" + name);
            if (option.arity().max() == 0) { // a flag: true or false
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new ParameterException(spec.commandLine(), "bad value '" + value + "' for " + name
                            + " in --config " + configFile + ": expected true or false");
                }
                if (value.equalsIgnoreCase("true")) {
                    args.add("--" + name);
                }
            } else if (option.isMultiValue() && option.splitRegex().isEmpty()) {
                for (String item : value.split(",")) {
                    args.add("--" + name + "=" + item.strip());
                }
            } else {
                args.add("--" + name + "=" + value);
            }
        }
        for (CommandLine.Model.OptionSpec o : given.matchedOptions()) {
            if (o.longestName().equals("--config")) {
                continue;
            }
            if (o.arity().max() == 0) {
                args.add(o.longestName());
            } else {
                for (String value : o.originalStringValues()) {
                    args.add(o.longestName() + "=" + value);
                }
            }
        }
        ConsumeCommand again = new ConsumeCommand();
        CommandLine line = new CommandLine(again).setOut(spec.commandLine().getOut()).setErr(spec.commandLine().getErr());
        line.parseArgs(args.toArray(new String[0]));
        return again.call();
    }

    private Alerts alerts() {
        if (alertsFile == null) {
            return Alerts.NONE;
        }
        try {
            return Alerts.load(alertsFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad --alerts file: " + e.getMessage(), e);
        }
    }

    private ConsumerSettings settings(Alerts alerts) {
        if (store == null) {
            throw new ParameterException(spec.commandLine(), "missing --store URL (or 'store' in --config): expected"
                    + " postgresql://HOST:PORT/DATABASE or sqlite:FILE");
        }
        try {
            return ConsumerSettings.builder().amqpUri(amqp).queue(queue).exchange(exchange).store(store)
                    .exchangeType(exchangeType).bindings(bindings == null ? List.of("#") : bindings)
                    .services(services == null ? List.of() : services).declare(!noDeclare).accept(accept())
                    .loghiveZone(loghiveZone)
                    .workers(workers).prefetch(prefetch).batchEvents(batchEvents).batchTime(duration("--batch-time", batchTime))
                    .ledgerInterval(duration("--ledger-interval", ledgerInterval))
                    .maxAttempts(maxAttempts).retryQueueDelay(duration("--retry-delay", retryDelay)).statusFile(statusFile != null ? statusFile : defaultStatusFile(services == null || services.isEmpty() ? queue : String.join(",", services)))
                    .alerts(alerts).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("for amqpUri", "for --amqp")
                    .replace("for store", "for --store").replace("for workers", "for --workers")
                    .replace("for prefetch", "for --prefetch").replace("for batchEvents", "for --batch-events")
                    .replace("for batchTime", "for --batch-time").replace("for maxAttempts", "for --max-attempts")
                    .replace("for retryQueueDelay", "for --retry-delay").replace("for ledgerInterval", "for --ledger-interval")
                    .replace("for queue", "for --queue").replace("for exchangeType", "for --exchange-type")
                    .replace("for exchange", "for --exchange").replace("for binding", "for --binding")
                    .replace("for services", "for --services").replace("for loghiveZone", "for --loghive-zone"), e);
        }
    }

    private ConsumerSettings.Accept accept() {
        try {
            return ConsumerSettings.Accept.valueOf(accept.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad value '" + accept + "' for --accept: expected auto,"
                    + " spool or loghive");
        }
    }

    private Duration duration(String option, String text) {
        try {
            return Options.parseDuration(text);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "bad value '" + text + "' for " + option + ": expected a "
                    + "duration such as 200ms, 1s or PT0.5S");
        }
    }

    /** Where a consumer of {@code queue} keeps its status unless told otherwise; {@code spool status} looks there. */
    public static Path defaultStatusFile(String queue) {
        return Path.of(System.getProperty("java.io.tmpdir"), "spool-consumer-" + queue.replaceAll("[^A-Za-z0-9._-]", "_")
                + ".json");
    }
}
