package dev.spool.slf4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test program's {@code main} in a fresh JVM with this test's class path, a Spool configuration
 * that writes every event at INFO and above to stdout as {@code lines}, and the given JVM options.
 */
public final class ChildJvm {

    /** What the child printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private static final long TIMEOUT_SECONDS = 60;

    private ChildJvm() {
    }

    public static Result run(Path workDir, Class<?> mainClass, String... jvmOptions)
            throws IOException, InterruptedException {
        return run(workDir, String.join("\n", "service = child", "destination.out.type = lines",
                "route.root.level = INFO", "route.root.destinations = out", ""), mainClass, jvmOptions);
    }

    /** As {@link #run(Path, Class, String...)} with the given configuration text, or none when null. */
    public static Result run(Path workDir, String configuration, Class<?> mainClass, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        if (configuration != null) {
            Path config = workDir.resolve("child-spool.properties");
            Files.writeString(config, configuration);
            command.add("-Dspool.config=" + config);
        }
        command.addAll(List.of(jvmOptions));
        command.add(mainClass.getName());
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SPOOL_CONFIG");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass.getSimpleName() + " did not exit within " + TIMEOUT_SECONDS
                    + " s; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
