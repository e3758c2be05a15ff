package dev.spool.testkit.postgres;

import dev.spool.testkit.fixture.Probes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TestDatabase}: one database per class or method, there during the test, dropped after it. */
class ScratchDatabaseIT {

    /** What the probe saw, test by test: the class database, the method database, the parameter. */
    private static final List<List<String>> SEEN = new CopyOnWriteArrayList<>();

    /** Run by {@link Probes}, not by the build. */
    static class Probe {

        @TestDatabase
        static String perClass;

        @TestDatabase
        String perMethod;

        @Test
        void first(@TestDatabase String parameter) throws SQLException {
            see(parameter);
        }

        @Test
        void second(@TestDatabase ScratchDatabase parameter) throws SQLException {
            see(parameter.url());
        }

        private void see(String parameter) throws SQLException {
            PostgresServer.execute(perClass, "CREATE TABLE IF NOT EXISTS shared (x int)"); // there now
            PostgresServer.execute(perMethod, "CREATE TABLE own (x int)"); // there now, and empty
            SEEN.add(List.of(perClass, perMethod, parameter));
        }
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void aStaticFieldIsOneDatabaseForTheClassAndAnInstanceFieldOnePerMethodAllDroppedAfterwards() throws Exception {
        assertThat(Probes.run(Probe.class)).isEqualTo(2);

        assertThat(SEEN).hasSize(2);
        List<String> first = SEEN.get(0);
        List<String> second = SEEN.get(1);
        assertThat(second.get(0)).as("the class's database").isEqualTo(first.get(0));
        assertThat(second.get(1)).as("each method's own").isNotEqualTo(first.get(1)).isNotEqualTo(first.get(0));
        assertThat(first.get(2)).as("a method's parameter is its field's database").isEqualTo(first.get(1));
        assertThat(second.get(2)).isEqualTo(second.get(1));
        for (String url : List.of(first.get(0), first.get(1), second.get(1))) {
            assertThat(exists(url)).as(url + " dropped").isFalse();
        }
    }

    private static boolean exists(String url) throws SQLException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        return PostgresServer.number(PostgresServer.ADMIN_URL.substring("jdbc:".length()),
                "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") > 0;
    }
}
