package dev.spool.postgres;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.spi.LogEvent;
import dev.spool.store.LogQuery;
import dev.spool.store.StoreWriter;
import dev.spool.store.jdbc.WhereClause;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default level index is partial (WARN and above). A query PostgreSQL answers with a generic plan, as
 * it may for a statement pgjdbc has prepared on the server, does not know the bound level; the store's
 * SQL repeats the index's predicate as a constant for WARN and above, so such a plan can still use it.
 */
class LevelIndexPlanIT {

    /** 2025-11-22T00:00:00Z. */
    private static final long T0 = 1_763_769_600_000_000L;

    @TestDatabase
    private static String url;

    @BeforeEach
    void databaseWithTheDefaultIndexes() throws SQLException {
        PostgresServer.dropTables(url);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long ts = T0 + i;
            Level level = i % 500 == 0 ? Level.ERROR : i % 3 == 0 ? Level.DEBUG : Level.INFO;
            events.add(TestEvent.event().id(EventId.high(ts / 1_000), i).timestampMicros(ts).level(level).message("m" + i));
        }
        try (StoreWriter writer = PostgresStore.writer(url)) {
            assertThat(writer.write(events).stored()).isEqualTo(events.size());
        }
        PostgresServer.execute(url, "ANALYZE logs");
    }

    /** The plan PostgreSQL makes for the store's query with every parameter left unknown. */
    private static String genericPlan(LogQuery q) throws SQLException {
        WhereClause where = QuerySql.of(q, true);
        StringBuilder sql = new StringBuilder();
        int n = 0;
        for (char c : where.where().toCharArray()) {
            if (c == '?') {
                sql.append('$').append(++n);
            } else {
                sql.append(c);
            }
        }
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < n; i++) {
            types.append(i == 0 ? "" : ",").append("bigint");
        }
        try (Connection c = PostgresServer.connect(url); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("SET enable_seqscan = off"); // a small table: ask for an index wherever one is usable
            s.execute("PREPARE page(" + types + ") AS SELECT event_id FROM logs" + sql + " ORDER BY ts DESC, seq DESC LIMIT 100");
            StringBuilder plan = new StringBuilder();
            StringBuilder arguments = new StringBuilder();
            for (int i = 0; i < n; i++) {
                arguments.append(i == 0 ? "" : ",").append(i == 0 ? Level.ERROR.ordinal() : T0);
            }
            try (ResultSet r = s.executeQuery("EXPLAIN EXECUTE page(" + arguments + ")")) {
                while (r.next()) {
                    plan.append(r.getString(1)).append('\n');
                }
            }
            assertThat(plan).as("a generic plan (parameters shown, not values)").contains("$1");
            return plan.toString();
        }
    }

    /** The names of the partial index's partitions: what a plan that uses it names. */
    private static List<String> partialIndexPartitions() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = PostgresServer.connect(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                     + " WHERE i.inhparent = '" + Indexes.indexName("warnings") + "'::regclass")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        assertThat(names).as("the default makes the partial level index on every partition").isNotEmpty();
        return names;
    }

    @Test
    void errorsAndAboveUseThePartialIndexInAGenericPlan() throws SQLException {
        String atLeast = genericPlan(LogQuery.builder().levelAtLeast(Level.ERROR).sinceMicros(T0).build());
        String exact = genericPlan(LogQuery.builder().level(Level.WARN).sinceMicros(T0).build());
        List<String> partial = partialIndexPartitions();

        assertThat(partial).anySatisfy(index -> assertThat(atLeast).contains(index));
        assertThat(partial).anySatisfy(index -> assertThat(exact).contains(index));
    }

    @Test
    void levelsBelowWarnAreNotBoundToThePartialIndex() throws SQLException {
        String plan = genericPlan(LogQuery.builder().level(Level.DEBUG).sinceMicros(T0).build());

        assertThat(partialIndexPartitions()).noneSatisfy(index -> assertThat(plan).contains(index));
    }

    @Test
    void theStoreFindsTheSameRowsWithTheConstantAddedAsWithoutIt() throws SQLException {
        try (PostgresStore store = PostgresStore.open(url)) {
            assertThat(store.query(LogQuery.builder().levelAtLeast(Level.WARN).build()).records())
                    .extracting(r -> r.message()).containsExactly("m1500", "m1000", "m500", "m0");
            assertThat(store.query(LogQuery.builder().level(Level.ERROR).limit(2).build()).records())
                    .extracting(r -> r.message()).containsExactly("m1500", "m1000");
            assertThat(store.query(LogQuery.builder().levelAtLeast(Level.INFO).limit(1000).build()).records())
                    .hasSize(1000);
            assertThat(store.query(LogQuery.builder().level(Level.DEBUG).limit(1000).build()).records())
                    .hasSize(665); // multiples of 3 but 0 and 1500, which are ERROR
        }
    }
}
