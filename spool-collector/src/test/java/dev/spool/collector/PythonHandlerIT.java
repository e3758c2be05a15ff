package dev.spool.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client (clients/python): installed with {@code pip install --no-index} (no network, no build
 * dependency from an index), then its {@code unittest} suite run with the machine's python3 against the
 * installed copy. The suite starts real collectors itself ({@link CollectorProcess}, through
 * {@code $SPOOL_TEST_COLLECTOR}) so that it can kill and restart them: 8 spawn workers x 10,000 records
 * exactly once and in order, a collector SIGKILLed mid-run, hostile records, records left at exit that
 * the next run delivers. Every test checks the collector's output file.
 */
class PythonHandlerIT {

    private static final Path CLIENT = Path.of("..", "clients", "python").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void thePythonClientInstallsOfflineAndPassesItsSuiteAgainstRealCollectors() throws Exception {
        Path site = dir.resolve("site");
        run(List.of("python3", "-m", "pip", "install", "--no-index", "--no-cache-dir", "--disable-pip-version-check",
                "--target", site.toString(), CLIENT.toString()), dir, 180, null);

        Path work = dir.resolve("run");
        copyTree(CLIENT.resolve("tests"), work.resolve("tests")); // not beside the sources: the installed copy is used
        String collector = "[\"" + json(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                + "\",\"-Xmx256m\",\"-XX:TieredStopAtLevel=1\",\"-cp\",\"" + json(System.getProperty("java.class.path"))
                + "\",\"" + CollectorProcess.class.getName() + "\"]";
        String output = run(List.of("python3", "-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."), work, 300,
                new String[] {"PYTHONPATH", site.toString(), "SPOOL_TEST_SITE", site.toString(),
                        "SPOOL_TEST_COLLECTOR", collector, "SPOOL_TEST_CLIENT", CLIENT.toString(),
                        "TMPDIR", dir.toString()});
        assertThat(output).doesNotContainPattern("\\.\\.\\. skipped|skipped=").contains("OK");
    }

    private static String run(List<String> command, Path cwd, int seconds, String[] env) throws Exception {
        Files.createDirectories(cwd);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("SPOOL_FORWARD");
        pb.environment().put("PIP_NO_INDEX", "1");
        for (int i = 0; env != null && i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Path log = cwd.resolve(command.get(2).replace('-', '_') + ".out");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(ended).as("%s ended within %ss:%n%s", command, seconds, output).isTrue();
        assertThat(p.exitValue()).as("%s:%n%s", command, output).isZero();
        return output;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.toString().contains("__pycache__")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
