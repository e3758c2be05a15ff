package dev.spool.cli.web;

import dev.spool.postgres.PostgresStore;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStores;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.ScratchDatabase;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;

import static dev.spool.cli.web.AuditFixture.DELETED;
import static dev.spool.cli.web.AuditFixture.VANISHED;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/audit} over the real PostgreSQL: the same report as {@code spool audit --store URL --json}. */
class AuditApiPostgresIT {

    @TestDatabase
    private ScratchDatabase database;
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void deletedRowsAreReportedExactlyAsSpoolAuditReportsThem() throws Exception {
        String url = database.url();
        try (StoreWriter writer = LogStores.openWriter(url)) {
            AuditFixture.write(writer, LogQuery.micros(Instant.now()));
        }
        server = WebServer.start(() -> PostgresStore.open(url), url, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String[] cli = {"--store", url};

        assertThat(AuditApiIT.sameAsTheCommand(server.uri(), cli, 0)).containsEntry("missing", 0L).containsEntry("instances", 3L);

        assertThat(PostgresServer.number(url, "WITH d AS (" + AuditFixture.deleteGap() + " RETURNING 1) SELECT count(*) FROM d"))
                .isEqualTo(DELETED);
        Map<String, Object> after = AuditApiIT.sameAsTheCommand(server.uri(), cli, 1);
        assertThat(after).containsEntry("missing", (long) DELETED).containsEntry("instances_missing", 1L);
        assertThat(AuditApiIT.entry(after, VANISHED)).containsEntry("service", AuditFixture.HOSTILE_SERVICE)
                .containsEntry("stored", 40L - DELETED).containsEntry("missing", (long) DELETED).containsEntry("state", "silent");
    }
}
