package dev.spool.slf4j;

import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.jvm.ChildJvmBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a test program's {@code main} to its end in a fresh JVM ({@link ChildJvm}) working in {@code workDir},
 * with a Spool configuration that writes every event at INFO and above to stdout as {@code lines}, and
 * the given JVM options.
 */
public final class ChildApp {

    /** What the child printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ChildApp() {
    }

    public static Result run(Path workDir, Class<?> mainClass, String... jvmOptions)
            throws IOException, InterruptedException {
        return run(workDir, String.join("\n", "service = child", "destination.out.type = lines",
                "route.root.level = INFO", "route.root.destinations = out", ""), mainClass, jvmOptions);
    }

    /** As {@link #run(Path, Class, String...)} with the given configuration text, or none when null. */
    public static Result run(Path workDir, String configuration, Class<?> mainClass, String... jvmOptions)
            throws IOException, InterruptedException {
        ChildJvmBuilder builder = ChildJvm.builder(mainClass).directory(workDir).separateStderr();
        if (configuration != null) {
            Path config = workDir.resolve("child-spool.properties");
            Files.writeString(config, configuration);
            builder.property("spool.config", config.toString());
        }
        ChildJvm child = builder.jvmOptions(jvmOptions).run(TIMEOUT);
        return new Result(child.exitValue(), child.stdout(), child.stderr());
    }
}
