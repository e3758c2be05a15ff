package dev.spool.consumer;

import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The end-to-end tests' store check finds what it must: missing, duplicated and unexpected rows. */
class StoredEventsIT {

    @TestDatabase
    private String url;

    @BeforeEach
    void createTable() throws Exception {
        try (Connection c = PostgresServer.connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE logs (event_id text PRIMARY KEY, message text NOT NULL, fields jsonb)");
            s.execute("INSERT INTO logs SELECT 'e' || p || '-' || i, 'event', jsonb_build_object('producer', p, 'seq', i)"
                    + " FROM generate_series(0, 1) p, generate_series(0, 99) i");
            s.execute("INSERT INTO logs VALUES ('m', 'marker', '{\"marker\":\"m\"}')");
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = PostgresServer.connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void acceptsExactlyTheExpectedEvents() throws Exception {
        StoredEvents stored = new StoredEvents(url);
        assertThat(stored.check(2, 100, 1)).isEmpty();
        assertThat(stored.hasMarker("m")).isTrue();
        assertThat(stored.hasMarker("other")).isFalse();
    }

    @Test
    void namesMissingDuplicatedAndUnexpectedEventsEvenWhenTheCountIsRight() throws Exception {
        execute("DELETE FROM logs WHERE event_id IN ('e1-7', 'e1-42')");
        execute("INSERT INTO logs VALUES ('again', 'event', '{\"producer\":0,\"seq\":5}')");
        execute("INSERT INTO logs VALUES ('stray', 'event', '{\"producer\":2,\"seq\":0}')");
        // two rows gone, two rows too many: the total is right, the pairs are not
        assertThat(new StoredEvents(url).check(2, 100, 1)).satisfiesExactly(
                missing -> assertThat(missing).startsWith("producer 1: 2 of 100 events missing").contains("[7, 42]"),
                duplicated -> assertThat(duplicated).contains("event 0/5 x2"),
                unexpected -> assertThat(unexpected).contains("stray"));
    }

    @Test
    void countsAStoreWithoutTablesAsEmpty() throws Exception {
        execute("DROP TABLE logs");
        StoredEvents stored = new StoredEvents(url);
        assertThat(stored.rows()).isZero();
        assertThat(stored.check(1, 10, 0)).containsExactly("expected 10 rows with as many distinct event ids, found 0 rows"
                + " and 0 distinct event ids");
    }
}
