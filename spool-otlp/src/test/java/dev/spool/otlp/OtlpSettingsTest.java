package dev.spool.otlp;

import dev.spool.spi.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpSettingsTest {

    private static OtlpSettings settings(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", "otlp");
        m.put("spool.dir", "/tmp/x");
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return OtlpSettings.fromOptions(new Options("destination.otel.", m));
    }

    @Test
    void addsTheLogsPathToABareEndpointAndKeepsAGivenOne() {
        assertThat(settings("endpoint", "http://127.0.0.1:4318").endpoint().toString()).isEqualTo("http://127.0.0.1:4318/v1/logs");
        assertThat(settings("endpoint", "https://otel.example.com/").endpoint().toString())
                .isEqualTo("https://otel.example.com/v1/logs");
        assertThat(settings("endpoint", "https://otel.example.com/custom/logs").endpoint().toString())
                .isEqualTo("https://otel.example.com/custom/logs");
    }

    @Test
    void readsHeadersResourceAttributesAndDefaults() {
        OtlpSettings s = settings("endpoint", "http://h:1", "headers.Authorization", "Bearer t",
                "resource.deployment.environment", "prod", "encoding", "json", "gzip", "true");
        assertThat(s.headers()).containsExactly(Map.entry("Authorization", "Bearer t"));
        assertThat(s.resource()).containsExactly(Map.entry("deployment.environment", "prod"));
        assertThat(s.json()).isTrue();
        assertThat(s.gzip()).isTrue();
        assertThat(s.batch().maxEvents()).isEqualTo(1000);
        assertThat(s.batch().maxDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.maxOutstanding()).isEqualTo(OtlpSettings.DEFAULT_MAX_OUTSTANDING);
        assertThat(settings("endpoint", "http://h:1", "requests.maxOutstanding", "1").maxOutstanding()).isEqualTo(1);
        assertThat(settings("endpoint", "http://h:1", "requests.maxOutstanding", "64").maxOutstanding()).isEqualTo(64);
        assertThat(s.toString()).doesNotContain("Bearer t");
    }

    @Test
    void refusesWhatCannotWorkNamingTheKey() {
        assertThatThrownBy(() -> settings()).hasMessageContaining("destination.otel.endpoint");
        assertThatThrownBy(() -> settings("endpoint", "ftp://h/x")).hasMessageContaining("destination.otel.endpoint")
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> settings("endpoint", "http://user:pw@h:1")).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> settings("endpoint", "http://h:1", "encodng", "json"))
                .hasMessageContaining("unknown key 'destination.otel.encodng'");
        assertThatThrownBy(() -> settings("endpoint", "http://h:1", "encoding", "grpc"))
                .hasMessageContaining("destination.otel.encoding");
        assertThatThrownBy(() -> settings("endpoint", "http://h:1", "headers.Content-Type", "text/plain"))
                .hasMessageContaining("headers.Content-Type");
        assertThatThrownBy(() -> settings("endpoint", "http://h:1", "headers.X-A", "a\r\nX-Injected: 1"))
                .hasMessageContaining("without line breaks");
        assertThatThrownBy(() -> settings("endpoint", "http://h:1", "headers.Bad Name", "v"))
                .hasMessageContaining("header name");
        assertThatThrownBy(() -> settings("endpoint", "http://h:1", "retry.minDelay", "5s", "retry.maxDelay", "1s"))
                .hasMessageContaining("retry.maxDelay");
        for (String bad : new String[] {"0", "-1", "65", "many", "2.5"}) {
            assertThatThrownBy(() -> settings("endpoint", "http://h:1", "requests.maxOutstanding", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("destination.otel.requests.maxOutstanding").hasMessageContaining(bad)
                    .hasMessageContaining("an integer from 1 to 64");
        }
        assertThatThrownBy(() -> settings("endpoint", "http://h:1", "batch.maxBytes", "64MB"))
                .hasMessageContaining("batch.maxBytes");
    }
}
