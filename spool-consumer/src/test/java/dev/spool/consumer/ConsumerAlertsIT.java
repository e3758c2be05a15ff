package dev.spool.consumer;

import com.sun.net.httpserver.HttpServer;
import dev.spool.alert.Alerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Committed events reach the alert rules: an ERROR ingested from the queue becomes a webhook POST. */
class ConsumerAlertsIT {

    @TempDir
    Path dir;

    @Test
    void anIngestedErrorMakesTheWebhookFire() throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Properties rules = new Properties();
        rules.setProperty("alert.errors.level", "ERROR");
        rules.setProperty("alert.errors.action", "webhook");
        rules.setProperty("alert.errors.webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        String error = "{\"v\":1,\"id\":\"" + Lines.id(3, 99) + "\",\"level\":\"ERROR\",\"logger\":\"pay\","
                + "\"message\":\"card declined for order 17\",\"service\":\"checkout\"}\n";
        try (TestQueue queue = new TestQueue(); Alerts alerts = Alerts.fromProperties(rules, name -> null)) {
            queue.publish(Lines.body(3, 0, 20), 20, "infos");
            queue.publish(error.getBytes(StandardCharsets.UTF_8), 1, "error");
            String store = "sqlite:" + dir.resolve("spool.db");
            try (Consumer c = Consumer.start(queue.settings(store).alerts(alerts).build())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().messages() == 2);
                await().atMost(Duration.ofSeconds(30)).until(() -> !posts.isEmpty());
            }
            assertThat(posts).singleElement().satisfies(p -> assertThat(p).contains("card declined for order 17"));
        } finally {
            receiver.stop(0);
        }
    }
}
