package dev.spool.cli.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.spi.support.JsonReader;
import dev.spool.store.LogStores;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web API's parameter parsing on any query string (docs/fuzzing.md), against a real SQLite store:
 * each endpoint answers a JSON object, or refuses with a {@code 400} whose message says what is wrong;
 * no other exception escapes (it would be a {@code 500}), and percent-decoding never replaces a byte.
 */
class ApiFuzzTest {

    private static final String[] PATHS = {"/api/logs", "/api/stats", "/api/metrics", "/api/metrics/names",
            "/api/metrics/top", "/api/health", "/api/audit"};
    private static final Api API = new Api(StoreHandle.fixed(LogStores.open("sqlite:" + store())), "fuzz");

    /** A store with a few events, so that queries return records and cursors, and the ledgers of an audit. */
    private static Path store() {
        try {
            Path dir = Files.createTempDirectory("spool-api-fuzz");
            Path db = dir.resolve("spool.db");
            long now = System.currentTimeMillis();
            try (StoreWriter writer = LogStores.openWriter("sqlite:" + db)) {
                writer.write(List.of(
                        TestEvent.event().id(EventId.high(now), 1).timestampMicros(now * 1000).level(Level.ERROR).logger("app.db"),
                        TestEvent.event().id(EventId.high(now), 2).timestampMicros(now * 1000).level(Level.INFO).logger("app.web")));
                AuditFixture.write(writer, now * 1000);
            }
            db.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return db;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    @DictionaryEntries({"level=", "min_level=", "since=", "until=", "logger=", "thread=", "correlation_id=", "q=",
            "limit=", "order=", "after=", "bucket=", "top=", "name=", "tag=", "field=", "silent_after=", "&", "%", "%2", "+", "=",
            "INFO", "1h", "10s", "all", "1ms", "newest", "oldest", "2025-11-21T23:55:01Z", "-1", "999999999999"})
    void answersJsonOrABadRequestNamingWhatIsWrong(FuzzedDataProvider data) {
        String path = data.pickValue(PATHS);
        String query = data.consumeBoolean() ? null : data.consumeRemainingAsString();
        String body;
        try {
            body = API.answer(path, query);
        } catch (HttpError e) {
            assertThat(e.status).as("a refused query: %s", e.getMessage()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonReader.readObject(bytes, 0, bytes.length)).isNotNull();
    }

    @FuzzTest
    void decodesPercentEscapesExactlyOrRefuses(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();
        String expected = reference(raw);
        String decoded;
        try {
            decoded = Params.decode(raw, "parameter 'p'");
        } catch (HttpError e) {
            assertThat(e.status).isEqualTo(400);
            assertThat(e.getMessage()).contains("parameter 'p'");
            assertThat(expected).as("refused, though it decodes to").isNull();
            return;
        }
        assertThat(decoded).as("the decoding of %s", raw).isEqualTo(expected);
    }

    /**
     * What {@code raw} decodes to, written independently of {@link Params}: {@code +} is a space, {@code %}
     * takes two ASCII hexadecimal digits, other characters are their UTF-8; null when the escapes or the
     * characters are bad (a lone surrogate has no UTF-8) or the bytes are not UTF-8.
     */
    private static String reference(String raw) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return null;
                }
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= raw.length() || !Character.isLowSurrogate(raw.charAt(i + 1))) {
                    return null;
                }
                bytes.writeBytes(raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
