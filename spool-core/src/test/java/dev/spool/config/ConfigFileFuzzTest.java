package dev.spool.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration file's parser on any file (docs/fuzzing.md): it returns a configuration, or throws
 * {@link IllegalArgumentException} whose message names the file and the key at fault (or the line the
 * properties syntax breaks on); no other exception escapes. Variables expand only where written.
 */
class ConfigFileFuzzTest {

    private static final Path FILE = scratchFile();

    private static Path scratchFile() {
        try {
            Path file = Files.createTempFile("spool-config-fuzz", ".properties");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    @DictionaryEntries({"destination.", "route.", ".type", ".path", ".level", ".logger", ".destinations", ".overflow",
            "=", "file", "console", "rolling-file", "forward", "${sys:", "${env:", ":-", "}", "$${", "u00",
            "queue.capacity", "queue.maxBatch", "queue.highWaterMark", "shutdown.timeout", "message.maxChars",
            "drop-below:", "INFO", "root", "80%", "10s"})
    void parsesOrNamesTheKeyAtFault(FuzzedDataProvider data) throws IOException {
        String sysValue = data.consumeString(16);
        byte[] file = data.consumeRemainingAsBytes();
        Files.write(FILE, file);
        Function<String, String> sys = name -> name.equals("x") ? sysValue : null;
        Function<String, String> env = name -> name.equals("X") ? sysValue : null;
        try {
            assertThat(ConfigFile.load(FILE, sys, env)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("names the file").startsWith(FILE.toString());
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(Files.readString(FILE, java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException | java.nio.charset.MalformedInputException syntax) {
                return; // the syntax itself is wrong: the message says where
            }
            assertThat(properties.stringPropertyNames().stream().map(String::trim)
                    .anyMatch(key -> e.getMessage().contains(key) || e.getMessage().contains(group(key))))
                    .as("names one of the keys %s: %s", properties.stringPropertyNames(), e.getMessage()).isTrue();
        }
    }

    /** The {@code destination.NAME.} or {@code route.NAME.} prefix a missing key is reported under. */
    private static String group(String key) {
        int dot = key.indexOf('.', key.indexOf('.') + 1);
        return dot < 0 ? key : key.substring(0, dot + 1);
    }

    @FuzzTest
    @DictionaryEntries({"${sys:", "${env:", ":-", "}", "$${", "x", "X"})
    void expandsOnlyTheVariablesWritten(FuzzedDataProvider data) {
        String sysValue = data.consumeString(16);
        String value = data.consumeRemainingAsString();
        Variables variables = new Variables(name -> name.equals("x") ? sysValue : null,
                name -> name.equals("X") ? sysValue : null);
        try {
            String expanded = variables.substitute("some.key", value);
            if (!value.contains("$")) {
                assertThat(expanded).isEqualTo(value);
            }
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("'some.key'");
            assertThat(value).contains("${");
        }
    }
}
