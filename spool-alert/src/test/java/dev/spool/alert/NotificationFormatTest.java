package dev.spool.alert;

import dev.spool.Level;
import dev.spool.collector.json.JsonEventReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationFormatTest {

    private static final String NASTY = "a\u0000b\u001fc\u2028d\"e\\f\tg\r\nh";

    private static Notification notification(String message) {
        EventSummary e = new EventSummary(1, 2, 1_000_000L, Level.ERROR, "svc", "app", message);
        return new Notification("r", "alert", 0, 60_000, 1, e, e,
                List.of(new GroupSummary("app", Templates.template(message), 1, message)), 0, List.of(message));
    }

    @Test
    void jsonEscapesEverythingAndParsesBackToTheSameText() {
        AlertRule rule = RecordingAction.rule("r", 1, Duration.ofMinutes(1));
        String json = NotificationFormat.json(rule, notification(NASTY));
        assertThat(json).doesNotContain("\u2028").doesNotContain("\n").doesNotContain("\u0000");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> parsed = JsonEventReader.readObject(bytes, 0, bytes.length);
        assertThat(parsed.get("samples")).isEqualTo(List.of(NASTY));
        assertThat(((Map<?, ?>) parsed.get("first")).get("time")).isEqualTo("1970-01-01T00:00:01Z");
    }

    @Test
    void textKeepsOneEventPerLine() {
        AlertRule rule = RecordingAction.rule("r", 1, Duration.ofMinutes(1));
        String text = NotificationFormat.text(rule, notification(NASTY));
        assertThat(text).contains("  - a\\u0000b\\u001Fc\\u2028d\"e\\f\\tg\\r\\nh\r\n");
        assertThat(text.split("\r\n")).allMatch(line -> line.indexOf('\n') < 0 && line.indexOf('\r') < 0);
    }

    @Test
    void subjectSaysCountAndKind() {
        assertThat(NotificationFormat.subject(notification("x"))).isEqualTo("[spool] r: 1 matching event");
        assertThat(SmtpAction.encodeHeader("a\r\nb")).isEqualTo("a b");
        assertThat(SmtpAction.encodeHeader("é")).isEqualTo("=?UTF-8?B?w6k=?=");
    }
}
