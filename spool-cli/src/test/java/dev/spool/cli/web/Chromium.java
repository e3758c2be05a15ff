package dev.spool.cli.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Headless Chromium as a child process: loads a page, lets its scripts and requests run, and returns the
 * document they left, serialized, with what the page wrote to the console (script errors,
 * Content-Security-Policy violations, failed requests). A missing browser fails the test (never skips it)
 * with the command that installs it.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Virtual time the page gets to run its scripts; network waits do not count against it. */
    private static final int VIRTUAL_TIME_BUDGET_MS = 10_000;

    /** A loaded page: its DOM as HTML, and its console messages in order. */
    record Page(String dom, List<String> console) {
    }

    private final Path work;
    private int runs;

    private Chromium(Path work) {
        this.work = work;
    }

    /** The installed browser, writing its profiles and output under {@code work}. */
    static Chromium installed(Path work) {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("no Chromium at " + BINARY + ": the web view's browser test needs it."
                    + " Install it (as root) with: apt-get install -y chromium");
        }
        return new Chromium(work);
    }

    /** {@code page} after its scripts ran; fails with Chromium's stderr if Chromium fails or hangs. */
    Page load(URI page) throws IOException, InterruptedException {
        int run = ++runs;
        Path profile = Files.createDirectories(work.resolve("profile-" + run));
        Path dom = work.resolve("dom-" + run + ".html");
        Path stderr = work.resolve("stderr-" + run + ".txt");
        Process chromium = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS, "--dump-dom", page.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dom.toFile()).redirectError(stderr.toFile()).start();
        if (!chromium.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
            chromium.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Chromium did not finish loading " + page + " within " + TIMEOUT.toSeconds()
                    + " s and was killed; its stderr:\n" + errors(stderr));
        }
        if (chromium.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + chromium.exitValue() + " loading " + page
                    + "; its stderr:\n" + errors(stderr));
        }
        String html = Files.readString(dom);
        if (html.isBlank()) {
            throw new AssertionError("Chromium printed no DOM for " + page + "; its stderr:\n" + errors(stderr));
        }
        List<String> console = Files.readAllLines(stderr).stream().filter(line -> line.contains(":CONSOLE")).toList();
        return new Page(html, console);
    }

    /** Chromium's stderr without the D-Bus complaints every container run prints. */
    private static String errors(Path stderr) throws IOException {
        return Files.readAllLines(stderr).stream().filter(line -> !line.contains("dbus")).collect(Collectors.joining("\n"));
    }
}
