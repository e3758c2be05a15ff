package dev.spool.sqlite;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.store.TestMetric;
import dev.spool.spi.LogEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL recipes of docs/sqlite.md ("SQL recipes"), read from the document and run against a database
 * written by Spool's own writer with known rows: each must give the answer its text promises.
 */
class SqlRecipesTest {

    private static final Pattern RECIPE = Pattern.compile("<!-- recipe: ([a-z-]+) -->\\s*```sql\\n(.*?)```", Pattern.DOTALL);
    private static final long NOW = System.currentTimeMillis() * 1000;
    private static final long MINUTE = 60_000_000L;
    private static long ids = 1;

    @TempDir
    Path dir;

    private Path db;

    private static Map<String, String> recipes() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("sqlite.md");
        Map<String, String> recipes = new LinkedHashMap<>();
        Matcher m = RECIPE.matcher(Files.readString(doc));
        while (m.find()) {
            recipes.put(m.group(1), m.group(2));
        }
        return recipes;
    }

    private static TestEvent event(long ts, Level level, String logger, String thread, long threadId, String message) {
        return TestEvent.event().id(EventId.high(ts / 1000), ids++).timestampMicros(ts).level(level).logger(logger)
                .thread(thread, threadId).message(message);
    }

    private static TestMetric metric(long ts, String name, double value) {
        return new TestMetric(ids++, ts, name, value, "ms");
    }

    @BeforeEach
    void write() throws Exception {
        db = dir.resolve("spool.db");
        List<LogEvent> events = new ArrayList<>();
        events.add(event(NOW - 10 * MINUTE, Level.ERROR, "app.db", "worker-1", 11, "db down"));
        events.add(event(NOW - 5 * MINUTE, Level.FATAL, "app.http", "worker-2", 12, "gave up"));
        events.add(event(NOW - 90 * MINUTE, Level.ERROR, "app.db", "worker-1", 11, "too old"));
        events.add(event(NOW - 1 * MINUTE, Level.WARN, "app.db", "worker-1", 11, "slow"));
        events.add(event(NOW - 2 * MINUTE, Level.INFO, "app.http", "worker-1", 11, "ok"));
        events.add(metric(NOW - 3 * MINUTE, "request_duration", 100));
        events.add(metric(NOW - 2 * MINUTE, "request_duration", 200));
        events.add(metric(NOW - 120 * MINUTE, "request_duration", 9000));
        events.add(metric(NOW - 2 * MINUTE, "operation_duration_db", 40));
        events.add(metric(NOW - 1 * MINUTE, "operation_duration_db", 70));
        events.add(metric(NOW - 1 * MINUTE, "operation_duration_http", 90));
        events.add(metric(NOW - 1 * MINUTE, "OPERATION_DURATION_X", 999));
        try (StoreWriter w = SqliteStore.writer(db)) {
            assertThat(w.write(events).stored()).isEqualTo(events.size());
        }
    }

    private List<List<String>> run(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void theDocumentHasTheFourRecipes() throws Exception {
        assertThat(recipes()).containsOnlyKeys("errors-last-hour", "average-response-time", "logs-by-thread", "ten-slowest");
    }

    @Test
    void errorsOfTheLastHourNewestFirst() throws Exception {
        List<List<String>> rows = run(recipes().get("errors-last-hour"));
        assertThat(rows).extracting(r -> r.get(2)).containsExactly("gave up", "db down");
        assertThat(rows.get(0).get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void averageResponseTimeOfTheLastHour() throws Exception {
        assertThat(run(recipes().get("average-response-time"))).containsExactly(List.of("150.0", "2"));
    }

    @Test
    void logsByThreadBusiestFirst() throws Exception {
        assertThat(run(recipes().get("logs-by-thread"))).containsExactly(List.of("worker-1", "11", "4"),
                List.of("worker-2", "12", "1"));
    }

    @Test
    void theSlowestOperationsOfEachMatchingMetricOnly() throws Exception {
        assertThat(run(recipes().get("ten-slowest"))).containsExactly(List.of("operation_duration_http", "90.0"),
                List.of("operation_duration_db", "70.0"));
    }
}
