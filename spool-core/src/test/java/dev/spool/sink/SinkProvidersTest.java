package dev.spool.sink;

import dev.spool.Resource;
import dev.spool.spi.Format;
import dev.spool.spi.Options;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.spool.sink.LineFormat.LINES;
import static dev.spool.sink.LineFormat.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkProvidersTest {

    private static final Function<Options, Format> TEST_FORMATS = options -> LINES;
    private static final SinkContext CONTEXT = new SinkContext() {
        @Override
        public String destinationName() {
            return "app";
        }

        @Override
        public Resource resource() {
            return TestEvent.RESOURCE;
        }
    };

    @TempDir
    Path dir;

    /** Options of destination {@code app} from key/value pairs. */
    private static Options options(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Options("destination.app.", values);
    }

    /** Only Spool's own JSON schema, unrenamed, can be audited from a file; every other format gets no ledgers. */
    @ParameterizedTest
    @CsvSource({"file,json,,true", "rolling,json,,true", "file,text,,false", "rolling,text,,false",
            "file,json,json.rename.message,false", "file,json,json.static.team,false", "file,ecs,,false",
            "file,gelf,,false", "rolling,logstash,,false", "file,otlp-json,,false"})
    void carriesLedgersOnlyInSpoolsOwnJsonSchema(String type, String format, String jsonKey, boolean carries)
            throws IOException {
        Map<String, String> values = new HashMap<>(Map.of("path", dir.resolve("a.log").toString(), "format", format));
        if (type.equals("rolling")) {
            values.put("maxSize", "1MB");
        }
        if (jsonKey != null) {
            values.put(jsonKey, "x");
        }
        SinkProvider provider = type.equals("file") ? new FileSinkProvider() : new RollingFileSinkProvider();
        try (Sink sink = provider.configure(new Options("destination.app.", values)).open(CONTEXT)) {
            assertThat(sink.acceptsLedgers()).isEqualTo(carries);
        }
    }

    @Test
    void registersTheThreeTypesWithServiceLoader() {
        Stream<String> types = ServiceLoader.load(SinkProvider.class).stream().map(p -> p.get().type());
        assertThat(types).contains("console", "file", "rolling");
    }

    @Test
    void validatesTheFormatWhenConfiguredNotWhenOpened() {
        Function<Options, Format> rejecting = options -> {
            throw new IllegalArgumentException("bad value 'xml' for key 'destination.app.format'");
        };
        assertThatThrownBy(() -> FileSinkProvider.configure(options("path", "x.log", "format", "xml"), rejecting))
                .hasMessageContaining("destination.app.format");
    }

    @Test
    void acceptsTheJsonKeyFamiliesAndStillRejectsTypos() {
        FileSinkProvider provider = new FileSinkProvider();
        String path = dir.resolve("a.log").toString();

        assertThat(provider.configure(options("path", path, "format", "ecs", "json.static.team", "pay",
                "json.rename.message", "msg"))).isNotNull();
        assertThatThrownBy(() -> provider.configure(options("path", path, "format", "ecs", "json.statics.team", "pay")))
                .hasMessageContaining("unknown key 'destination.app.json.statics.team'")
                .hasMessageContaining("keys starting with [json.rename., json.static.]");
        assertThatThrownBy(() -> provider.configure(options("path", path, "format", "ecs", "json.static.", "pay")))
                .hasMessageContaining("unknown key 'destination.app.json.static.'");
    }

    @Nested
    class Console {

        @Test
        void rejectsAnUnknownTarget() {
            assertThatThrownBy(() -> ConsoleSinkProvider.configure(options("target", "stdin"), TEST_FORMATS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad value 'stdin' for key 'destination.app.target': expected one of [stderr, stdout]");
        }

        @Test
        void rejectsUnknownKeys() {
            assertThatThrownBy(() -> ConsoleSinkProvider.configure(options("colour", "red"), TEST_FORMATS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown key 'destination.app.colour'")
                    .hasMessageContaining("target");
        }

        @Test
        void acceptsTheLevelTypeAndFormatKeys() {
            SinkFactory factory = ConsoleSinkProvider.configure(options("type", "console", "target", "STDERR",
                    "level", "warn", "format", "text", "pattern", "%m", "timezone", "UTC", "color", "never"), TEST_FORMATS);
            assertThat(factory).isNotNull();
        }
    }

    @Nested
    class File {

        @Test
        void requiresAPath() {
            assertThatThrownBy(() -> FileSinkProvider.configure(options(), TEST_FORMATS))
                    .hasMessage("missing key 'destination.app.path'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "bufferSize | lots | a size such as 512, 64KB, 10MB or 1GB",
            "bufferSize | 0    | a size from 1B to 1GB",
            "maxBacklog | 2GB  | a size from 0B to 1GB",
        })
        void rejectsBadSizesNamingKeyValueAndWhatIsAccepted(String key, String value, String accepted) {
            assertThatThrownBy(() -> FileSinkProvider.configure(options("path", "a.log", key, value), TEST_FORMATS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad value '" + value + "' for key 'destination.app." + key + "': expected " + accepted);
        }

        @Test
        void rejectsRollingKeys() {
            assertThatThrownBy(() -> FileSinkProvider.configure(options("path", "a.log", "maxSize", "1MB"), TEST_FORMATS))
                    .hasMessageContaining("unknown key 'destination.app.maxSize'");
        }

        @Test
        void opensAWorkingSink() throws IOException {
            Path file = dir.resolve("logs/app.log");
            SinkFactory factory = FileSinkProvider.configure(
                    options("path", file.toString(), "bufferSize", "64KB", "maxBacklog", "1MB"), TEST_FORMATS);
            try (Sink sink = factory.open(CONTEXT)) {
                sink.write(TestEvent.event().message("configured"));
            }
            assertThat(lines(file)).containsExactly("configured");
        }
    }

    @Nested
    class Rolling {

        @Test
        void requiresASizeOrASchedule() {
            assertThatThrownBy(() -> RollingFileSinkProvider.configure(options("path", "a.log"), TEST_FORMATS))
                    .hasMessageContaining("'destination.app.maxSize'")
                    .hasMessageContaining("'destination.app.schedule'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "schedule   | weekly       | one of [daily, hourly, none]",
            "compress   | zip          | one of [gzip, none]",
            "compressLevel | 0           | fast or an integer from 1 to 9",
            "compressLevel | 10          | fast or an integer from 1 to 9",
            "compressLevel | fastest     | fast or an integer from 1 to 9",
            "maxBackups | 0            | an integer from 1 to 1000000",
            "maxAge     | soon         | a duration such as 200ms, 5s, 1m, 2h or 7d",
            "maxAge     | 0s           | a positive duration such as 12h or 7d",
            "maxSize    | 0            | a size from 1B to 1GB",
            "timezone   | Mars/Olympus | a zone id such as UTC, Europe/Paris or +02:00",
        })
        void rejectsBadValuesNamingKeyValueAndWhatIsAccepted(String key, String value, String accepted) {
            Options options = options("path", "a.log", "schedule", "daily", key, value);
            assertThatThrownBy(() -> RollingFileSinkProvider.configure(options, TEST_FORMATS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad value '" + value + "' for key 'destination.app." + key + "': expected " + accepted);
        }

        @Test
        void compressesWithTheFastEncoderUnlessToldOtherwise() throws IOException {
            long unset = gzippedBackupBytes("default", null);
            long fast = gzippedBackupBytes("fast", "fast");
            long zlibFastest = gzippedBackupBytes("one", "1");
            long jdkDefault = gzippedBackupBytes("six", "6");
            assertThat(unset).isEqualTo(fast);
            assertThat(fast).as("codes made per block: smaller than zlib's level 1 (64,184 to 69,103 bytes)")
                    .isLessThan(zlibFastest);
            assertThat(jdkDefault).isLessThan(zlibFastest);
        }

        /** Bytes of the one gzipped backup left after writing the same 4,000 varied lines and rotating once. */
        private long gzippedBackupBytes(String name, String level) throws IOException {
            Path sub = Files.createDirectories(dir.resolve(name));
            Path file = sub.resolve("app.log");
            List<String> keys = new ArrayList<>(List.of("path", file.toString(), "maxSize", "200KB",
                    "compress", "gzip", "maxBackups", "1", "timezone", "UTC"));
            if (level != null) {
                keys.addAll(List.of("compressLevel", level));
            }
            SinkFactory factory = RollingFileSinkProvider.configure(options(keys.toArray(String[]::new)), TEST_FORMATS);
            java.util.Random random = new java.util.Random(7);
            try (Sink sink = factory.open(CONTEXT)) {
                for (int i = 0; i < 4_000; i++) {
                    sink.write(TestEvent.event().message("user " + random.nextInt(5_000) + " fetched order "
                            + Long.toHexString(random.nextLong()) + " in " + random.nextInt(900) + " ms from shard "
                            + (char) ('a' + random.nextInt(26))));
                }
            }
            try (Stream<Path> files = Files.list(sub)) {
                return Files.size(files.filter(p -> p.toString().endsWith(".gz")).findFirst().orElseThrow());
            }
        }

        @ParameterizedTest
        @CsvSource({"fast", "6", "1", "9"})
        void opensASinkThatRotatesAndCompressesAsConfigured(String level) throws IOException {
            Path file = dir.resolve("app.log");
            SinkFactory factory = RollingFileSinkProvider.configure(options("path", file.toString(), "maxSize", "1B",
                    "compress", "gzip", "compressLevel", level, "maxBackups", "1", "timezone", "UTC"), TEST_FORMATS);
            try (Sink sink = factory.open(CONTEXT)) {
                for (int i = 0; i < 3; i++) {
                    sink.write(TestEvent.event().message("line " + i));
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .hasSize(2)
                        .contains("app.log")
                        .anyMatch(name -> name.matches("app\\.\\d{8}-\\d{6}-\\d{3}(-\\d+)?\\.log\\.gz"));
            }
            assertThat(lines(file)).containsExactly("line 2");
            try (Stream<Path> files = Files.list(dir)) {
                Path gz = files.filter(p -> p.toString().endsWith(".gz")).findFirst().orElseThrow();
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
                    assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).endsWith("line 1\n");
                }
            }
        }
    }
}
