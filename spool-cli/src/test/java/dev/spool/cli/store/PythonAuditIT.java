package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client's ledgers (docs/python.md, docs/audit.md) audited end to end: python3 processes and
 * threads log through {@code spool_logging} to {@code spool collect} (a real process) writing SQLite, and
 * {@code spool audit} finds every record of every Python process, each with its final ledger; a Python
 * process that drops on purpose (a queue too small for its threads, records too large) shows exactly the
 * drops its handler counted, by reason.
 */
class PythonAuditIT {

    private static final Path CLIENT = Path.of("..", "clients", "python").toAbsolutePath().normalize();
    private static final int PER_THREAD = 1_500;

    private static final String WORKERS = String.join("\n",
            "import logging, multiprocessing, sys, threading, spool_logging",
            "def work(n):",
            "    log = logging.getLogger('worker')",
            "    def run(t):",
            "        for i in range(" + PER_THREAD + "):",
            "            log.info('w%d t%d %d', n, t, i)",
            "    ts = [threading.Thread(target=run, args=(t,)) for t in range(4)]",
            "    for t in ts: t.start()",
            "    for t in ts: t.join()",
            "    return spool_logging._handler._ids.node_text()",
            "if __name__ == '__main__':",
            "    spool_logging.setup_logging(sys.argv[1], spill_dir=sys.argv[2], ledger_interval=0.05, close_timeout=60)",
            "    with multiprocessing.get_context('spawn').Pool(3, initializer=spool_logging.configure_worker) as pool:",
            "        nodes = pool.map(work, range(3), chunksize=1)",
            "        pool.close()",
            "        pool.join()",
            "    for i in range(100): logging.getLogger('parent').info('parent %d', i)",
            "    print('nodes', ' '.join(nodes + [spool_logging._handler._ids.node_text()]))",
            "");

    private static final String DROPPING = String.join("\n",
            "import json, logging, sys, threading, spool_logging",
            "h = spool_logging.SpoolHandler(sys.argv[1], spill_dir=sys.argv[2], queue_size=20, ledger_interval=0.05,",
            "                               close_timeout=60, destination='py')",
            "log = logging.getLogger('dropping')",
            "log.addHandler(h)",
            "log.setLevel(logging.INFO)",
            "def run(t):",
            "    for i in range(" + PER_THREAD + "): log.info('t%d %d', t, i)",
            "ts = [threading.Thread(target=run, args=(t,)) for t in range(8)]",
            "for t in ts: t.start()",
            "for t in ts: t.join()",
            "assert h.wait_delivered(60)",
            "for i in range(3): log.error('x' * (2 << 20))",
            "h.close()",
            "print('node', spool_logging._handler._ids.node_text())",
            "print('dropped', json.dumps(h.stats()['dropped'], sort_keys=True, separators=(',', ':')))",
            "");

    @TempDir
    Path dir;

    private ChildJvm collect;
    private Path db;
    private String address;

    @BeforeEach
    void startCollector() throws Exception {
        db = dir.resolve("logs.db");
        Path config = dir.resolve("collector.properties");
        Files.writeString(config, "destination.db.type = sqlite\ndestination.db.path = " + db + "\n"
                + "route.root.destinations = db\nroute.root.level = TRACE\n");
        address = "unix:" + dir.resolve("c.sock");
        collect = ChildJvm.builder(SpoolCommand.class).name("spool collect")
                .args("collect", "--listen", address, "--config", config.toString(),
                        "--spill-dir", dir.resolve("collector-spill").toString()).start();
        assertThat(collect.readLine(Duration.ofSeconds(60))).startsWith("spool collect: listening on");
    }

    @AfterEach
    void stopCollector() {
        collect.destroyForcibly();
    }

    @Test
    void pythonProcessesAndThreadsAreAuditedExactlyAndClosed() throws Exception {
        String output = python(WORKERS);
        Matcher m = Pattern.compile("nodes ((?:\\S{8} ?){4})").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        List<String> nodes = List.of(m.group(1).trim().split(" ")); // the workers' (a worker may run two), the parent's
        drainCollector();

        String audit = audit();
        for (int i = 0; i < 4; i++) {
            String node = nodes.get(i);
            long expected = i < 3 ? nodes.subList(0, 3).stream().filter(node::equals).count() * 4L * PER_THREAD : 100;
            assertThat(entry(audit, node)).contains("\"destination\":\"forward\"", "\"sent\":" + expected + ",",
                    "\"stored\":" + expected + ",", "\"missing\":0,", "\"in_flight\":0,", "\"failed\":0,",
                    "\"dropped\":{}", "\"state\":\"closed\"");
        }
    }

    @Test
    void pythonDropsOnPurposeAndTheAuditShowsTheExactCountByReason() throws Exception {
        String output = python(DROPPING);
        Matcher node = Pattern.compile("node (\\S{8})").matcher(output);
        Matcher dropped = Pattern.compile("dropped (\\{.*})").matcher(output);
        assertThat(node.find() && dropped.find()).as(output).isTrue();
        Matcher queueFull = Pattern.compile("\"queue_full\":(\\d+)").matcher(dropped.group(1));
        assertThat(queueFull.find()).as("8 threads outrun a sender with room for 20: %s", output).isTrue();
        assertThat(dropped.group(1)).contains("\"too_large\":3");
        long sent = 8L * PER_THREAD - Long.parseLong(queueFull.group(1));
        drainCollector();

        assertThat(entry(audit(), node.group(1))).contains("\"destination\":\"py\"", "\"sent\":" + sent + ",",
                "\"stored\":" + sent + ",", "\"missing\":0,", "\"dropped\":" + dropped.group(1), "\"state\":\"closed\"");
    }

    private String python(String script) throws Exception {
        Path file = dir.resolve("script.py");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("python3", file.toString(), address, dir.resolve("py-spill").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("python.out").toFile());
        pb.environment().put("PYTHONPATH", CLIENT.toString());
        pb.environment().remove("SPOOL_FORWARD");
        Process p = pb.start();
        boolean ended = p.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("python.out"), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(ended).as(output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    /** SIGTERM: the collector writes everything it acknowledged into SQLite, then ends. */
    private void drainCollector() throws InterruptedException {
        collect.destroy();
        assertThat(collect.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private String audit() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("audit", "--db", db.toString(), "--json");
        assertThat(code).as(out + "\n" + err).isZero();
        return out.toString();
    }

    private static String entry(String audit, String node) {
        List<String> lines = new ArrayList<>();
        audit.lines().filter(l -> l.contains("\"instance\":\"" + node + "\"")).forEach(lines::add);
        assertThat(lines).as(audit).hasSize(1);
        return lines.get(0);
    }
}
