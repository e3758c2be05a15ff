package dev.spool.springboot;

import dev.spool.Level;
import dev.spool.Spool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The logging system on Boot's real classes, without an application: properties in, files out. */
class SpoolLoggingSystemTest {

    @TempDir
    Path dir;

    private final SpoolLoggingSystem system = new SpoolLoggingSystem(getClass().getClassLoader());

    @AfterEach
    void shutDown() {
        Spool.shutdown();
    }

    private void initialize(String configLocation, List<String> profiles, String... properties) {
        Map<String, Object> map = new HashMap<>();
        map.put("logging.pattern.console", ""); // no console output from these tests
        for (int i = 0; i < properties.length; i += 2) {
            map.put(properties[i], properties[i + 1]);
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", map));
        environment.setActiveProfiles(profiles.toArray(String[]::new));
        system.initialize(new LoggingInitializationContext(environment), configLocation, LogFile.get(environment));
    }

    private void initialize(String... properties) {
        initialize(null, List.of(), properties);
    }

    private static List<String> lines(Path file) throws Exception {
        Spool.flush();
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void bootFindsItThroughSpringFactories() {
        assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(SpoolLoggingSystem.class);
    }

    @Nested
    class FromBootProperties {

        @Test
        void theFileTakesLoggingPatternFile() throws Exception {
            Path file = dir.resolve("app.log");
            initialize("logging.file.name", file.toString(), "logging.pattern.file", "%p %c %m%kv%n");
            Spool.logger("t.x").atInfo().kv("k", 1).log("hello");
            assertThat(lines(file)).containsExactly("INFO t.x hello k=1");
        }

        @Test
        void loggingFilePathWritesSpringLogThere() throws Exception {
            initialize("logging.file.path", dir.toString(), "logging.pattern.file", "%m%n");
            Spool.logger("t.x").warn("in spring.log");
            assertThat(lines(dir.resolve("spring.log"))).containsExactly("in spring.log");
        }

        @Test
        void theDefaultPatternLooksLikeBoots() throws Exception {
            Path file = dir.resolve("app.log");
            initialize("logging.file.name", file.toString());
            Spool.logger("t.x").info("plain");
            assertThat(lines(file)).singleElement().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[-+Z][0-9:]* +INFO \\d+ --- \\[ *[^]]+\\] t\\.x +: plain");
        }

        @Test
        void loggingThresholdFileIsTheFilesMinimum() throws Exception {
            Path file = dir.resolve("app.log");
            initialize("logging.file.name", file.toString(), "logging.pattern.file", "%m%n",
                    "logging.threshold.file", "warn");
            Spool.logger("t.x").info("below");
            Spool.logger("t.x").warn("kept");
            assertThat(lines(file)).containsExactly("kept");
        }

        @Test
        void structuredJsonWritesSpoolsJsonLines() throws Exception {
            Path file = dir.resolve("app.json");
            initialize("logging.file.name", file.toString(), "logging.structured.format.file", "JSON",
                    "logging.pattern.file", "ignored when structured");
            Spool.logger("t.x").info("as json");
            assertThat(lines(file)).singleElement().asString().startsWith("{\"v\":1,").contains("\"message\":\"as json\"");
        }

        @Test
        void anEmptyConsolePatternAndNoFileLeavesNoDestination() {
            initialize();
            assertThat(Spool.logger("t.x").isEnabled(Level.FATAL)).isFalse();
        }

        @Test
        void bootsStandardStructuredFormatsAreSpoolsLayouts() throws Exception {
            Path file = dir.resolve("ecs.log");
            initialize("logging.file.name", file.toString(), "logging.structured.format.file", "ECS");
            Spool.logger("t.ecs").warn("as ecs");
            assertThat(Spool.flush(java.time.Duration.ofSeconds(30))).isTrue();

            assertThat(lines(file)).singleElement().asString().startsWith("{\"@timestamp\":")
                    .contains("\"log.level\":\"WARN\"", "\"message\":\"as ecs\"");
        }

        @Test
        void aStructuredFormatSpoolDoesNotWriteIsRefused() {
            assertThatThrownBy(() -> initialize("logging.file.name", dir.resolve("a.log").toString(),
                    "logging.structured.format.file", "com.example.MyFormatter"))
                    .isInstanceOfSatisfying(LoggingPropertyException.class, e -> {
                        assertThat(e.property()).isEqualTo("logging.structured.format.file");
                        assertThat(e.value()).isEqualTo("com.example.MyFormatter");
                        assertThat(e.accepted()).startsWith("json");
                    });
        }

        @Test
        void aPatternSpoolCannotReadNamesThePropertyAndTheToken() {
            assertThatThrownBy(() -> initialize("logging.pattern.console", "%d %clr(%5p) %m%n"))
                    .isInstanceOfSatisfying(LoggingPropertyException.class, e -> {
                        assertThat(e.property()).isEqualTo("logging.pattern.console");
                        assertThat(e.problem()).contains("%clr");
                        assertThat(e.accepted()).contains("%d{DateTimeFormatter pattern}", "%X{key}");
                    });
        }

        @Test
        void anUnknownThresholdIsRefused() {
            assertThatThrownBy(() -> initialize("logging.threshold.console", "LOUD"))
                    .isInstanceOfSatisfying(LoggingPropertyException.class,
                            e -> assertThat(e.getMessage()).contains("'logging.threshold.console'", "'LOUD'", "OFF"));
        }

        @Test
        void aFileThatCannotBeOpenedNamesLoggingFileName() throws Exception {
            Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
            assertThatThrownBy(() -> initialize("logging.file.name", notADirectory.resolve("app.log").toString()))
                    .isInstanceOfSatisfying(LoggingPropertyException.class,
                            e -> assertThat(e.property()).isEqualTo("logging.file.name"));
        }
    }

    @Nested
    class FromSpoolFiles {

        @Test
        void loggingConfigNamesTheFileAndAProfileFileAddsToIt() throws Exception {
            Path out = dir.resolve("out.log");
            Path config = dir.resolve("spool.properties");
            Files.writeString(config, "destination.out.type = file\ndestination.out.path = " + out.toString()
                    .replace("\\", "\\\\") + "\ndestination.out.pattern = %p %m%n\nroute.root.destinations = out\n");
            Files.writeString(dir.resolve("spool-verbose.properties"), "route.root.level = DEBUG\n");
            initialize(config.toString(), List.of("other", "verbose"));
            Spool.logger("t.x").debug("debug from the profile's level");
            assertThat(lines(out)).containsExactly("DEBUG debug from the profile's level");
        }

        @Test
        void aProfileFileOnTheClassPathIsUsedAlone() throws Exception {
            System.setProperty("spool.springboot.test.dir", dir.toString());
            try {
                initialize(null, List.of("classpathprofile"));
            } finally {
                System.clearProperty("spool.springboot.test.dir");
            }
            Spool.logger("t.x").debug("from the class path profile");
            assertThat(lines(dir.resolve("profile.log"))).containsExactly("DEBUG t.x from the class path profile");
        }

        @Test
        void aMissingFileNamesLoggingConfig() {
            Path missing = dir.resolve("nope.properties");
            assertThatThrownBy(() -> initialize(missing.toString(), List.of()))
                    .isInstanceOfSatisfying(LoggingPropertyException.class, e -> {
                        assertThat(e.property()).isEqualTo("logging.config");
                        assertThat(e.problem()).contains("does not exist");
                    });
        }

        @Test
        void aNetworkUrlIsNotFetched() {
            assertThatThrownBy(() -> initialize("http://127.0.0.1:9/spool.properties", List.of()))
                    .isInstanceOfSatisfying(LoggingPropertyException.class,
                            e -> assertThat(e.problem()).contains("neither a classpath: location, a file: URL nor a file path"));
        }

        @Test
        void anOversizedFileIsRefusedBeforeItIsParsed() throws Exception {
            Path big = dir.resolve("big.properties");
            Files.write(big, new byte[SpoolFileConfiguration.MAX_BYTES + 1]);
            assertThatThrownBy(() -> initialize(big.toString(), List.of()))
                    .isInstanceOfSatisfying(LoggingPropertyException.class,
                            e -> assertThat(e.problem()).contains("larger than " + SpoolFileConfiguration.MAX_BYTES));
        }

        @Test
        void anInvalidFileCarriesSpoolsOwnMessage() throws Exception {
            Path config = Files.writeString(dir.resolve("spool.properties"), "queue.capacity = lots\n");
            assertThatThrownBy(() -> initialize(config.toString(), List.of()))
                    .isInstanceOfSatisfying(LoggingPropertyException.class,
                            e -> assertThat(e.problem()).contains("queue.capacity", "lots"));
        }

        @Test
        void profileFilesSitBesideTheBaseFile() {
            assertThat(SpoolFileConfiguration.profileLocation("classpath:spool.properties", "dev"))
                    .isEqualTo("classpath:spool-dev.properties");
            assertThat(SpoolFileConfiguration.profileLocation("/etc/app/logging", "dev")).isEqualTo("/etc/app/logging-dev");
        }
    }

    @Nested
    class Levels {

        private Path file;

        private void start() {
            file = dir.resolve("levels.log");
            initialize("logging.file.name", file.toString(), "logging.pattern.file", "%p %c %m%n");
        }

        @Test
        void aLevelTakesEffectAtOnceAndClearingItGoesBackToTheRoute() {
            start();
            dev.spool.Logger logger = Spool.logger("a.b.c");
            assertThat(logger.isEnabled(Level.DEBUG)).isFalse();
            system.setLogLevel("a.b", LogLevel.DEBUG);
            assertThat(logger.isEnabled(Level.DEBUG)).isTrue();
            assertThat(system.getLoggerConfiguration("a.b"))
                    .isEqualTo(new LoggerConfiguration("a.b", LogLevel.DEBUG, LogLevel.DEBUG));
            assertThat(system.getLoggerConfiguration("a.b.c"))
                    .isEqualTo(new LoggerConfiguration("a.b.c", null, LogLevel.DEBUG));
            system.setLogLevel("a.b", null);
            assertThat(logger.isEnabled(Level.DEBUG)).isFalse();
            assertThat(system.getLoggerConfiguration("a.b")).isEqualTo(new LoggerConfiguration("a.b", null, LogLevel.INFO));
        }

        @Test
        void theRootIsNamedRootAndListedFirst() {
            start();
            system.setLogLevel("ROOT", LogLevel.WARN);
            assertThat(Spool.logger("any").isEnabled(Level.INFO)).isFalse();
            List<LoggerConfiguration> all = system.getLoggerConfigurations();
            assertThat(all.get(0)).isEqualTo(new LoggerConfiguration("ROOT", LogLevel.WARN, LogLevel.WARN));
            assertThat(all).extracting(LoggerConfiguration::getName).contains("any");
            system.setLogLevel(null, null);
            assertThat(Spool.logger("any").isEnabled(Level.INFO)).isTrue();
        }

        @Test
        void offSilencesASubtreeWithoutLosingOtherEventsAndCanBeUndone() throws Exception {
            start();
            system.setLogLevel("noisy", LogLevel.OFF);
            assertThat(Spool.logger("noisy.part").isEnabled(Level.FATAL)).isFalse();
            assertThat(system.getLoggerConfiguration("noisy"))
                    .isEqualTo(new LoggerConfiguration("noisy", LogLevel.OFF, LogLevel.OFF));
            Spool.logger("noisy.part").error("silenced");
            Spool.logger("quiet").info("kept while off");
            system.setLogLevel("noisy", LogLevel.INFO);
            Spool.logger("noisy.part").info("back");
            assertThat(lines(file)).containsExactly("INFO quiet kept while off", "INFO noisy.part back");
        }

        @Test
        void julRecordsReachSpoolAtTheLevelsSetThroughBoot() throws Exception {
            start();
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger("jul.part");
            jul.fine("fine before");
            system.setLogLevel("jul.part", LogLevel.DEBUG);
            jul.fine("fine after");
            jul.info("info");
            assertThat(lines(file)).containsExactly("DEBUG jul.part fine after", "INFO jul.part info");
        }

        @Test
        void everyBootLevelIsSupported() {
            assertThat(system.getSupportedLogLevels()).containsExactlyInAnyOrder(LogLevel.values());
        }
    }

    @Test
    void theFailureAnalysisNamesThePropertyAndWhatItAccepts() {
        LoggingPropertyException cause = new LoggingPropertyException("logging.config", "x.properties",
                "does not exist", "a readable file", null);
        FailureAnalysis analysis = new LoggingPropertyFailureAnalyzer().analyze(new IllegalStateException(cause));
        assertThat(analysis.getDescription())
                .isEqualTo("Spool cannot use the logging property 'logging.config' with the value 'x.properties': does not exist");
        assertThat(analysis.getAction()).contains("'logging.config' accepts a readable file");
    }
}
