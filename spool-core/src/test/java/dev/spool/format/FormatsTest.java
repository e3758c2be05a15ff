package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.Options;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatsTest {

    private static Format fromOptions(Map<String, String> values) {
        return Formats.fromOptions(new Options("destination.app.", values));
    }

    private static String render(Format format) {
        ByteBuilder out = new ByteBuilder(64);
        format.format(TestEvent.event(), out);
        return out.toString();
    }

    @Test
    void defaultsToTheDefaultTextPatternInTheSystemZone() {
        Format format = fromOptions(Map.of());

        assertThat(format).isInstanceOf(TextFormat.class).hasToString(TextFormat.DEFAULT);
        assertThat(render(format)).isEqualTo(render(TextFormat.of(TextFormat.DEFAULT, ZoneId.systemDefault())));
    }

    @Test
    void buildsTextWithPatternAndTimezone() {
        Format format = fromOptions(Map.of("format", "text", "pattern", "%d{HH:mm} %m%n", "timezone", "Asia/Tokyo"));

        assertThat(render(format)).isEqualTo("08:55 hello\n");
    }

    @Test
    void acceptsUtcAndOffsetsAsTimezone() {
        assertThat(render(fromOptions(Map.of("pattern", "%d{HH}", "timezone", "UTC")))).isEqualTo("23");
        assertThat(render(fromOptions(Map.of("pattern", "%d{HH}", "timezone", "+02:00")))).isEqualTo("01");
    }

    @Test
    void buildsJsonCaseInsensitively() {
        assertThat(fromOptions(Map.of("format", "JSON"))).isInstanceOf(JsonFormat.class);
        assertThat(render(fromOptions(Map.of("format", "json")))).startsWith("{\"v\":1,");
    }

    @Test
    void ignoresTheDestinationsOwnKeys() {
        assertThat(fromOptions(Map.of("path", "/var/log/app.log", "format", "json"))).isInstanceOf(JsonFormat.class);
    }

    @Test
    void rejectsAnUnknownFormatNamingKeyAndChoices() {
        assertThatThrownBy(() -> fromOptions(Map.of("format", "xml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad value 'xml' for key 'destination.app.format': expected one of [ecs, gelf, json, logstash, otlp-json, text]");
    }

    @Test
    void rejectsAPatternOrTimezoneWithJson() {
        assertThatThrownBy(() -> fromOptions(Map.of("format", "json", "pattern", "%m%n")))
                .hasMessageContaining("key 'destination.app.pattern'")
                .hasMessageContaining("no pattern with format = json");
        assertThatThrownBy(() -> fromOptions(Map.of("format", "json", "timezone", "UTC")))
                .hasMessageContaining("key 'destination.app.timezone'")
                .hasMessageContaining("always UTC");
    }

    @Test
    void rejectsABadTimezone() {
        assertThatThrownBy(() -> fromOptions(Map.of("timezone", "Mars/Olympus")))
                .hasMessage("bad value 'Mars/Olympus' for key 'destination.app.timezone': expected a zone id such as "
                        + "UTC, Europe/Paris or +02:00");
    }

    @Test
    void rejectsABadPatternNamingTheTokenAndTheAcceptedOnes() {
        assertThatThrownBy(() -> fromOptions(Map.of("pattern", "%d %lvl %m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad value '%d %lvl %m' for key 'destination.app.pattern': expected a valid pattern")
                .hasMessageContaining("unknown token '%lvl' at index 3")
                .hasMessageContaining("%p or %level");
    }

    @Test
    void makesANewInstanceEachTime() {
        assertThat(fromOptions(Map.of("format", "json"))).isNotSameAs(fromOptions(Map.of("format", "json")));
    }

    @Test
    void consoleDefaultsToThePatternWithFieldsAndColoursOnATerminalOnly() {
        Options none = new Options("destination.app.", Map.of());
        ByteBuilder out = new ByteBuilder(64);

        assertThat(Formats.forConsole(none, false)).hasToString(TextFormat.CONSOLE_DEFAULT);
        Formats.forConsole(none, true).format(TestEvent.event(), out);
        assertThat(out.toString()).contains("\u001B[32mINFO \u001B[0m");
        assertThat(render(Formats.forConsole(none, false))).doesNotContain("\u001B");
    }

    @Test
    void consoleColorKeyOverridesTheTerminal() {
        Options never = new Options("destination.app.", Map.of("color", "never"));
        Options always = new Options("destination.app.", Map.of("color", "ALWAYS", "pattern", "%highlight{%p}"));

        assertThat(render(Formats.forConsole(never, true))).doesNotContain("\u001B");
        assertThat(render(Formats.forConsole(always, false))).isEqualTo("\u001B[32mINFO\u001B[0m");
    }

    @Test
    void consoleRejectsABadColorAndColorWithJson() {
        assertThatThrownBy(() -> Formats.forConsole(new Options("destination.app.", Map.of("color", "red")), true))
                .hasMessageContaining("bad value 'red' for key 'destination.app.color'");
        assertThatThrownBy(() -> Formats.forConsole(new Options("destination.app.", Map.of("color", "never",
                "format", "json")), true))
                .hasMessageContaining("destination.app.color");
    }
}
