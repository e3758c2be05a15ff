package dev.spool.cli.store;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A producer process for the relay audit tests: {@code THREADS} threads log {@code EVENTS} events each through
 * one destination of {@code TYPE} with options {@code key=value...}, writing ledgers every 100 ms; it prints
 * {@code node NODE} first, then shuts down (its final ledger follows the last event) and prints {@code done}.
 * With {@code -Dphased=true} it logs that many again once a line arrives on stdin, after printing
 * {@code first half logged}: a test can make a relay fail between the halves.
 *
 * <pre>LedgerProducer SERVICE THREADS EVENTS TYPE key=value...</pre>
 */
public final class LedgerProducer {

    private LedgerProducer() {
    }

    public static void main(String[] args) throws Exception {
        String service = args[0];
        int threads = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Spool.configure(SpoolConfig.builder().name("producer").service(service).shutdownHook(false).jmx(false)
                .shutdownTimeout(Duration.ofSeconds(90)).ledgerInterval(Duration.ofMillis(100))
                .destination("out", args[3], options).route("root", "", Level.TRACE, "out").build());
        System.out.println("node " + EventId.localNodeText());
        Logger log = Spool.logger("app");
        logOnThreads(log, threads, events);
        if (Boolean.getBoolean("phased")) {
            System.out.println("first half logged");
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
            logOnThreads(log, threads, events);
        }
        Spool.shutdown(Duration.ofSeconds(90));
        System.out.println("done");
    }

    private static void logOnThreads(Logger log, int threads, int events) throws InterruptedException {
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < events; i++) {
                    log.info("thread {} event {}", thread, i);
                }
            });
            th.start();
            producers.add(th);
        }
        for (Thread th : producers) {
            th.join();
        }
    }
}
