package dev.spool.testkit.jvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How to start a {@link ChildJvm}: the running JVM's {@code java} with this JVM's class path, JVM options
 * and system properties, the main class and its arguments, environment changes, a working directory and
 * where the output goes. A child never inherits {@code SPOOL_CONFIG} (a developer's configuration must not
 * change what a test sees) unless {@link #env} sets it. Not thread-safe; one builder per child.
 */
public final class ChildJvmBuilder {

    private final Class<?> main;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String name;
    private Path directory;
    private Path outputFile;
    private boolean separateStderr;
    private UnaryOperator<ProcessBuilder> configure = UnaryOperator.identity();

    ChildJvmBuilder(Class<?> main) {
        this.main = main;
        this.name = main.getSimpleName();
        env.put("SPOOL_CONFIG", null);
    }

    /** The child's name in messages and thread names (default: the main class's simple name). */
    public ChildJvmBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Arguments of {@code main}, appended. */
    public ChildJvmBuilder args(String... args) {
        this.args.addAll(List.of(args));
        return this;
    }

    /** Options of the JVM (before the main class), appended: {@code -Xmx128m}, {@code -XX:+UseSerialGC}. */
    public ChildJvmBuilder jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** A system property of the child ({@code -Dkey=value}). */
    public ChildJvmBuilder property(String key, String value) {
        jvmOptions.add("-D" + key + "=" + value);
        return this;
    }

    /** Sets an environment variable of the child, or removes it when {@code value} is null. */
    public ChildJvmBuilder env(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    /**
     * A last step on the {@link ProcessBuilder}, for what a test hands to an API that configures a process
     * itself, as {@code collector::configureWorker}. It must not redirect the streams.
     */
    public ChildJvmBuilder configure(UnaryOperator<ProcessBuilder> step) {
        this.configure = step;
        return this;
    }

    /** The child's working directory (default: this JVM's). */
    public ChildJvmBuilder directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Also copies every line the child prints to {@code file} as it comes, for a look after a failure. */
    public ChildJvmBuilder outputFile(Path file) {
        this.outputFile = file;
        return this;
    }

    /** Keeps stderr apart from stdout ({@link ChildJvm#stderr()}); by default they are one stream. */
    public ChildJvmBuilder separateStderr() {
        this.separateStderr = true;
        return this;
    }

    /** Starts the child. */
    public ChildJvm start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(!separateStderr);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        env.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        Process process = configure.apply(builder).start();
        ChildOutput output = new ChildOutput(name, outputFile);
        output.read(process, separateStderr);
        return new ChildJvm(name, process, output);
    }

    /**
     * Starts the child and waits for its "started" handshake, a line starting with {@code linePrefix}; kills
     * it and fails, showing its output, when that line does not come within {@code atMost}.
     */
    public ChildJvm startAwaiting(String linePrefix, Duration atMost) throws IOException, InterruptedException {
        ChildJvm child = start();
        try {
            child.awaitLineStartingWith(linePrefix, atMost);
            return child;
        } catch (AssertionError | InterruptedException e) {
            child.close();
            throw e;
        }
    }

    /**
     * Runs the child to its end and returns it, exited, for its exit code and output; kills it and fails,
     * showing its output, when it has not exited within {@code atMost}.
     */
    public ChildJvm run(Duration atMost) throws IOException, InterruptedException {
        try (ChildJvm child = start()) {
            child.awaitExit(atMost);
            return child;
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }
}
