package dev.spool.cli;

import dev.spool.cli.store.FollowReplacedFileIT;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI run from an application's directory, with the application's {@code ./spool.properties} and
 * {@code $SPOOL_CONFIG} present, takes neither as its own logging configuration: nothing is written to the
 * application's destinations, stdout carries only the command's output.
 */
class CliLoggingIT {

    private static final Duration RUN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void ignoresTheApplicationsConfigurationAndKeepsStdoutForTheCommand() throws Exception {
        Path db = dir.resolve("store.db");
        FollowReplacedFileIT.log(db, "stored by the application");
        Path appLog = dir.resolve("app.log");
        Path envLog = dir.resolve("env.log");
        Files.writeString(dir.resolve("spool.properties"), "destination.app.type = file\ndestination.app.path = "
                + appLog + "\nroute.root.level = TRACE\nroute.root.destinations = app\n");
        Path envConfig = Files.writeString(dir.resolve("env.properties"), "destination.env.type = console\n"
                + "destination.env.pattern = FROM-ENV-CONFIG %m%n\nroute.root.level = TRACE\nroute.root.destinations = env\n"
                + "destination.f.type = file\ndestination.f.path = " + envLog + "\n");

        for (String[] args : new String[][] {
            {"query", "--db", db.toString(), "-s", "all"},
            {"demo", "--dir", dir.resolve("demo").toString(), "--scenario", "sqlite", "--sqlite-threads", "1",
                "--sqlite-seconds", "1", "--sqlite-rate", "20"}}) {
            ChildJvm cli = ChildJvm.builder(SpoolCommand.class).name("spool " + args[0]).args(args).directory(dir)
                    .env("SPOOL_CONFIG", null).separateStderr().run(RUN);
            assertThat(cli.exitValue()).as("spool %s; stderr: %s", args[0], cli.stderr()).isZero();
            assertThat(cli.stdout()).doesNotContain("FROM-ENV-CONFIG");

            ChildJvm withEnv = ChildJvm.builder(SpoolCommand.class).name("spool " + args[0]).args(args).directory(dir)
                    .env("SPOOL_CONFIG", envConfig.toString()).separateStderr().run(RUN);
            assertThat(withEnv.exitValue()).as("spool %s; stderr: %s", args[0], withEnv.stderr()).isZero();
            assertThat(withEnv.stdout()).doesNotContain("FROM-ENV-CONFIG");
            assertThat(withEnv.stderr()).doesNotContain("FROM-ENV-CONFIG");
        }
        assertThat(appLog).as("the application's ./spool.properties destination").doesNotExist();
        assertThat(envLog).as("the $SPOOL_CONFIG destination").doesNotExist();
    }
}
