package dev.spool.examples.springboot;

import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.springboot.SpoolLoggingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.logging.LoggingSystem;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example application with its embedded server, on the Boot version of the module that runs this
 * test (examples/spring-boot: 3.5, examples/spring-boot-boot4: 4.0): HTTP requests in, events checked in
 * the JSON log file.
 */
class ExampleApplicationIT {

    private static final String ORDERS = OrderController.class.getName();
    private static final String INVENTORY = Inventory.class.getName();

    @TempDir
    Path dir;

    @Test
    void bootChoosesSpoolAsItsLoggingSystem() {
        System.out.println("Spring Boot " + SpringBootVersion.getVersion());
        assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(SpoolLoggingSystem.class);
    }

    @Test
    void eventsCarryTheRequestIdKeyValuesAndTheLevelsOfApplicationProperties() throws Exception {
        try (RunningExample app = RunningExample.start(dir)) {
            for (int id = 1; id <= 5; id++) {
                assertThat(app.get("/orders/" + id, "r-" + id).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> hostile = app.get("/orders/6", "forged id;" + "x".repeat(100));
            String madeUp = hostile.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();

            List<Map<String, Object>> events = app.events();
            List<Map<String, Object>> lookups = select(events, e -> ORDERS.equals(e.get("logger"))
                    && "order looked up".equals(e.get("message")));
            assertThat(lookups).hasSize(6);
            for (int id = 1; id <= 5; id++) {
                Map<String, Object> lookup = lookups.get(id - 1);
                assertThat(lookup.get("level")).isEqualTo("INFO");
                assertThat(lookup.get("context")).isEqualTo(Map.of("request_id", "r-" + id));
                assertThat(lookup.get("fields")).isEqualTo(Map.of("order_id", (long) id, "in_stock", (long) (id % 5)));
                assertThat(lookup.get("service")).isEqualTo("spring-boot-example");
            }
            assertThat(madeUp).matches("[0-9a-f-]{36}");
            assertThat(lookups.get(5).get("context")).isEqualTo(Map.of("request_id", madeUp));

            // logging.level.dev.spool.examples=DEBUG lets the controller's debug through ...
            assertThat(messages(events, ORDERS, "DEBUG")).contains("order 3 served from stock 3");
            // ... and the group inventory at WARN keeps only the Inventory's warnings.
            assertThat(messages(events, INVENTORY, "DEBUG")).isEmpty();
            assertThat(messages(events, INVENTORY, "INFO")).isEmpty();
            assertThat(messages(events, INVENTORY, "WARN")).containsExactly("order 5 is out of stock");
            assertThat(select(events, e -> "order 5 is out of stock".equals(e.get("message"))).get(0).get("context"))
                    .isEqualTo(Map.of("request_id", "r-5"));

            // Spring's own logging (commons-logging to SLF4J) and Tomcat's (java.util.logging) arrive too.
            assertThat(select(events, e -> String.valueOf(e.get("message")).matches("Started \\w+ in .* seconds.*")))
                    .hasSize(1);
            assertThat(select(events, e -> "org.apache.catalina.core.StandardService".equals(e.get("logger"))))
                    .isNotEmpty();
        }
    }

    @Test
    void theActuatorReadsAndChangesLevelsAtOnce() throws Exception {
        try (RunningExample app = RunningExample.start(dir)) {
            String inventory = "/actuator/loggers/" + INVENTORY;
            assertThat(RunningExample.json(app.get(inventory, null).body()))
                    .containsEntry("configuredLevel", "WARN").containsEntry("effectiveLevel", "WARN");

            assertThat(app.post(inventory, "{\"configuredLevel\":\"DEBUG\"}").statusCode()).isEqualTo(204);
            assertThat(RunningExample.json(app.get(inventory, null).body()))
                    .containsEntry("configuredLevel", "DEBUG").containsEntry("effectiveLevel", "DEBUG");
            app.get("/orders/7", "after-debug");
            assertThat(messages(app.events(), INVENTORY, "DEBUG")).containsExactly("counting stock for order 7");

            // OFF silences the controller; resetting (a null level) brings back what the properties said.
            assertThat(app.post("/actuator/loggers/" + ORDERS, "{\"configuredLevel\":\"OFF\"}").statusCode())
                    .isEqualTo(204);
            app.get("/orders/8", "while-off");
            assertThat(app.post("/actuator/loggers/" + ORDERS, "{\"configuredLevel\":null}").statusCode())
                    .isEqualTo(204);
            app.get("/orders/9", "after-reset");
            List<Map<String, Object>> events = app.events();
            assertThat(messages(events, ORDERS, "INFO")).containsExactly("order looked up", "order looked up");
            assertThat(select(events, e -> ORDERS.equals(e.get("logger"))).stream().map(e -> e.get("context")))
                    .containsOnly(Map.of("request_id", "after-debug"), Map.of("request_id", "after-reset"));
            assertThat(messages(events, INVENTORY, "INFO")).contains("stock for order 8 is 3");

            Map<String, Object> all = RunningExample.json(app.get("/actuator/loggers", null).body());
            assertThat(all.get("levels")).isEqualTo(List.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"));
            @SuppressWarnings("unchecked")
            Map<String, Object> loggers = (Map<String, Object>) all.get("loggers");
            assertThat(loggers.keySet()).contains("ROOT", ORDERS, INVENTORY, "dev.spool.examples");
            assertThat(loggers.get("ROOT")).isEqualTo(Map.of("configuredLevel", "INFO", "effectiveLevel", "INFO"));
            assertThat(loggers.get(ORDERS)).isEqualTo(Map.of("effectiveLevel", "DEBUG"));
            assertThat(loggers.get("dev.spool.examples"))
                    .isEqualTo(Map.of("configuredLevel", "DEBUG", "effectiveLevel", "DEBUG"));

            assertThat(app.post(inventory, "{\"configuredLevel\":\"LOUD\"}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void closingTheContextLeavesEveryAcceptedEventWritten() throws Exception {
        RunningExample app = RunningExample.start(dir);
        for (int id = 1; id <= 50; id++) {
            app.get("/orders/" + id, "close-" + id);
        }
        app.close();
        PipelineStats stats = Spool.shutdown(); // what Boot's shutdown handler does once the contexts are closed
        List<Map<String, Object>> lines = RunningExample.read(app.logFile);
        List<Map<String, Object>> ledgers = select(lines, e -> "ledger".equals(e.get("kind")));
        List<Map<String, Object>> events = select(lines, e -> !"ledger".equals(e.get("kind")));
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.pending()).isZero();
        assertThat(stats.written()).as("%s; %d events in the file", stats, events.size()).isEqualTo(stats.accepted())
                .isEqualTo(events.size());
        // a JSON file carries the pipeline's ledgers (docs/audit.md): the last one is final and counts them all
        assertThat(ledgers).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) ledgers.get(ledgers.size() - 1).get("ledger");
        assertThat(last.get("final")).isEqualTo(true);
        assertThat(((Number) last.get("sent")).longValue()).isEqualTo(stats.written());
        assertThat(messages(events, ORDERS, "INFO")).hasSize(50);
        // logged by a bean while the context closed, after Boot's logging cleanup had run
        assertThat(messages(events, INVENTORY, "WARN")).endsWith("inventory closing");
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> events, Predicate<Map<String, Object>> p) {
        return events.stream().filter(p).toList();
    }

    private static List<Object> messages(List<Map<String, Object>> events, String logger, String level) {
        return select(events, e -> logger.equals(e.get("logger")) && level.equals(e.get("level"))).stream()
                .map(e -> e.get("message")).toList();
    }
}
