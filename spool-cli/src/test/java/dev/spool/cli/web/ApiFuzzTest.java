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
            "/api/metrics/top", "/api/health"};
    private static final Api API = new Api(StoreHandle.fixed(LogStores.open("sqlite:" + store())), "fuzz");

    /** A store with a few events, so that queries return records and cursors. */
    private static Path store() {
        try {
            Path dir = Files.createTempDirectory("spool-api-fuzz");
            Path db = dir.resolve("spool.db");
            long now = System.currentTimeMillis();
            try (StoreWriter writer = LogStores.openWriter("sqlite:" + db)) {
                writer.write(List.of(
                        TestEvent.event().id(EventId.high(now), 1).timestampMicros(now * 1000).level(Level.ERROR).logger("app.db"),
                        TestEvent.event().id(EventId.high(now), 2).timestampMicros(now * 1000).level(Level.INFO).logger("app.web")));
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
            "limit=", "order=", "after=", "bucket=", "top=", "name=", "tag=", "field=", "&", "%", "%2", "+", "=",
            "INFO", "1h", "10s", "newest", "oldest", "2025-11-21T23:55:01Z", "-1", "999999999999"})
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
        String decoded;
        try {
            decoded = Params.decode(raw, "parameter 'p'");
        } catch (HttpError e) {
            assertThat(e.status).isEqualTo(400);
            assertThat(e.getMessage()).contains("parameter 'p'");
            return;
        }
        assertThat(decoded).as("decoding replaced something").doesNotContain("\uFFFD");
        if (raw.indexOf('%') < 0) {
            assertThat(decoded).isEqualTo(raw.replace('+', ' '));
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 3)) {
            assertThat(raw.substring(i, i + 3)).as("an accepted escape").matches("%[0-9A-Fa-f]{2}");
        }
    }
}
