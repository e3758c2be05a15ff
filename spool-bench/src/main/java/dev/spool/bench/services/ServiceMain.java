package dev.spool.bench.services;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One run of one suite in a JVM of its own: {@code suite=ID events=N round=R dir=DIR result=FILE}. Writes
 * the measurements to FILE (a properties file, see {@link Measurement#store}) and exits 0, also when events
 * were lost (a loss is a result); exits 1 when the run itself failed.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad argument '" + arg + "': expected key=value");
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path dir = Path.of(a.get("dir"));
        List<Measurement> measured = run(Suites.byId(a.get("suite")), dir, Integer.parseInt(a.get("events")),
                Integer.parseInt(a.getOrDefault("round", "1")));
        Properties p = new Properties();
        Measurement.store(measured, p);
        try (OutputStream out = Files.newOutputStream(Path.of(a.get("result")))) {
            p.store(out, "spool-bench service suite " + a.get("suite"));
        }
        System.exit(0); // client libraries may leave non-daemon threads behind
    }

    /** Runs {@code suite} once in this JVM, in {@code dir} (created). */
    public static List<Measurement> run(Suites suite, Path dir, int events, int round) throws Exception {
        Files.createDirectories(dir);
        return suite.create().run(dir, events, round);
    }
}
