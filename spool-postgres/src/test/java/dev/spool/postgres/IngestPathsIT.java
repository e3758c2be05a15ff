package dev.spool.postgres;

import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.spi.LogEvent;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import dev.spool.testkit.store.TestMetric;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every ingest path ({@code copy}, {@code binary}, {@code stage}, {@code insert}) stores exactly the same
 * values, hostile ones included: NUL, lone surrogates, COPY's own separators and escapes, text over the
 * column limits, numbers that are not finite. The paths write the same events into emptied tables in turn,
 * and every column is read back as PostgreSQL prints it.
 */
class IngestPathsIT {

    private static final List<String> PATHS = List.of("copy", "binary", "stage", "insert");
    /** 2025-11-22T00:00:00Z. */
    private static final long T0 = 1_763_769_600_000_000L;
    private static final String HOSTILE = "nul\0 tab\t nl\n cr\r bs\\ \\N \\. quote\" é € \uD83D\uDE00 lone-high\uD83D x"
            + " lone-low\uDE00 high-high\uD83D\uD83D end";

    @TestDatabase
    private static String url;

    @Test
    void everyPathStoresTheSameValuesForHostileInput() throws SQLException {
        Map<String, List<List<String>>> logs = new LinkedHashMap<>();
        Map<String, List<List<String>>> metrics = new LinkedHashMap<>();
        List<LogEvent> events = hostileEvents();
        for (String path : PATHS) {
            PostgresServer.dropTables(url);
            try (StoreWriter writer = PostgresStore.writer(url + "?ingest=" + path)) {
                assertThat(writer.write(events)).as(path).isEqualTo(new WriteResult(events.size(), 0, List.of()));
                assertThat(writer.write(events)).as(path).isEqualTo(new WriteResult(0, events.size(), List.of()));
            }
            logs.put(path, rows("SELECT ts, event_id, level, logger, thread, thread_id, message, exception, fields::text,"
                    + " context::text, correlation_id, service, host, pid FROM logs ORDER BY ts"));
            metrics.put(path, rows("SELECT ts, event_id, name, value::text, unit, tags::text, service, host, pid"
                    + " FROM metrics ORDER BY ts"));
        }
        for (String path : PATHS) {
            assertThat(logs.get(path)).as(path).isEqualTo(logs.get("insert"));
            assertThat(metrics.get(path)).as(path).isEqualTo(metrics.get("insert"));
        }
        List<String> first = logs.get("binary").get(0);
        String asStored = "nul\uFFFD tab\t nl\n cr\r bs\\ \\N \\. quote\" é € \uD83D\uDE00 lone-high? x lone-low? high-high?? end";
        assertThat(first.get(6)).isEqualTo(asStored);
        assertThat(first.get(3)).isEqualTo("app.\uFFFD?");
        assertThat(first.get(8)).contains("\uFFFD").contains("\\\"").contains("\uD83D\uDE00");
        assertThat(first.get(10)).isEqualTo("corr\uFFFD\t1");
        assertThat(first.get(4)).hasSize(500 + "...[100 chars cut]".length()).endsWith("...[100 chars cut]");
        assertThat(logs.get("binary").get(1).get(6)).hasSize(1_000_000 + "...[200000 chars cut]".length())
                .startsWith("€€€").endsWith("€...[200000 chars cut]");
        assertThat(logs.get("binary").get(2).get(7)).isNull(); // null columns stay null
        assertThat(logs.get("binary").get(2).get(8)).isNull();
        assertThat(metrics.get("binary")).extracting(row -> row.get(3))
                .containsExactly("NaN", "Infinity", "-Infinity", "-0", "5e-324", "1.5");
    }

    @Test
    void aSurrogatePairIsKeptWhereverTheBatchTextIsCutForEncoding() throws SQLException {
        // text COPY is encoded 65,536 chars at a time; of these two messages, whose pairs sit at odd and at
        // even places, one has a pair across every such cut (the COPY text before the message is the same)
        String even = "\uD83D\uDE00".repeat(40_000);
        String odd = "a" + even;
        for (String path : PATHS) {
            PostgresServer.dropTables(url);
            try (StoreWriter writer = PostgresStore.writer(url + "?ingest=" + path)) {
                writer.write(List.of(event(T0, 1).message(even)));
                writer.write(List.of(event(T0 + 1, 2).message(odd)));
            }
            assertThat(rows("SELECT message FROM logs ORDER BY ts")).as(path)
                    .containsExactly(List.of(even), List.of(odd));
        }
    }

    private static List<LogEvent> hostileEvents() {
        List<LogEvent> events = new ArrayList<>();
        long id = 1;
        events.add(event(T0, id++).message(HOSTILE).logger("app.\0\uDE00").thread("t".repeat(600), 7)
                .field("k\0ey", HOSTILE).field("nan", Double.NaN).field("inf", Double.POSITIVE_INFINITY)
                .field("n", 42).field("b", true).context(Context.CORRELATION_ID, "corr\0\t1")
                .throwable(new IllegalStateException(HOSTILE)));
        events.add(event(T0 + 1, id++).message("€".repeat(1_200_000))); // 3.6 MB of UTF-8, cut to 1M chars
        events.add(event(T0 + 2, id++).message(""));
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, 1.5};
        for (int i = 0; i < values.length; i++) {
            events.add(new TestMetric(id++, T0 + 10 + i, "m\0" + i, values[i], "ms\uD83D").tag("t\0", HOSTILE));
        }
        return events;
    }

    private static TestEvent event(long timestampMicros, long id) {
        return TestEvent.event().id(EventId.high(timestampMicros / 1_000), id).timestampMicros(timestampMicros);
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = PostgresServer.connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
