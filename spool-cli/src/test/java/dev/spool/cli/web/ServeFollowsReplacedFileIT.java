package dev.spool.cli.web;

import dev.spool.cli.store.FollowReplacedFileIT;
import dev.spool.cli.store.StoreFileWatch;
import dev.spool.cli.store.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code spool serve} serves the new file after its database is rotated or deleted and created again. */
class ServeFollowsReplacedFileIT {

    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    private WebServer serve(Path db) throws Exception {
        StoreLocation location = StoreLocation.of(null, db);
        return WebServer.start(location::open, StoreFileWatch.of(location), notices::add, location.label(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static String logs(URI uri) throws Exception {
        Http.Response r = Http.get(uri, "/api/logs");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void servesTheNewFileAfterARotationAndAfterADeleteAndRecreate() throws Exception {
        Path db = dir.resolve("spool.db");
        FollowReplacedFileIT.log(db, "first file");
        try (WebServer server = serve(db)) {
            URI uri = server.uri();
            assertThat(logs(uri)).contains("first file");

            FollowReplacedFileIT.moveDatabase(db, dir.resolve("spool.db.1"));
            FollowReplacedFileIT.log(db, "second file");
            await().atMost(Duration.ofSeconds(20)).until(() -> logs(uri).contains("second file"));
            assertThat(logs(uri)).doesNotContain("first file");
            assertThat(notices).anySatisfy(n -> assertThat(n).contains(db + " was replaced"));

            FollowReplacedFileIT.deleteDatabase(db);
            assertThat(logs(uri)).as("what was read is still served").contains("second file");
            assertThat(notices).anySatisfy(n -> assertThat(n).contains(db + " was deleted"));
            FollowReplacedFileIT.log(db, "third file");
            await().atMost(Duration.ofSeconds(20)).until(() -> logs(uri).contains("third file"));
        }
    }
}
