package dev.spool;

import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest {

    private final CapturingSink all = new CapturingSink();
    private final CapturingSink db = new CapturingSink();
    private final CapturingSink errors = new CapturingSink();
    private final CapturingSink audit = new CapturingSink();

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    private void configure() {
        Spool.configure(SpoolConfig.builder().name("routing").shutdownHook(false).jmx(false).queueCapacity(256)
                .destination("all", all.factory()).destination("db", db.factory())
                .destination("errors", errors.factory()).destination("audit", audit.factory())
                .route(new RouteConfig("root", "", Level.INFO, List.of(
                        new RouteConfig.Target("all", Level.TRACE),
                        new RouteConfig.Target("errors", Level.ERROR)), true, null))
                .route(new RouteConfig("db", "app.db", Level.DEBUG,
                        List.of(new RouteConfig.Target("db", Level.TRACE)), true, null))
                .route(new RouteConfig("audit", "audit", Level.INFO,
                        List.of(new RouteConfig.Target("audit", Level.TRACE)), false, null))
                .build());
    }

    private static List<String> messages(CapturingSink sink) {
        return sink.events().stream().map(Captured::message).toList();
    }

    @Test
    void mostSpecificRouteSetsTheLevelAndAdditivityAddsParentDestinations() {
        configure();
        Spool.logger("app.db.pool").debug("db debug");
        Spool.logger("app.dbx").debug("not db: prefix must end on a dot");
        Spool.logger("app.web").info("web info");
        Spool.logger("app.web").debug("web debug is below root INFO");
        Spool.logger("app.web").error("web error");
        Spool.flush(Duration.ofSeconds(5));
        assertThat(messages(db)).containsExactly("db debug");
        assertThat(messages(all)).containsExactly("db debug", "web info", "web error");
        assertThat(messages(errors)).containsExactly("web error");
    }

    @Test
    void nonAdditiveRouteKeepsEventsToItself() {
        configure();
        Spool.logger("audit.login").warn("audit event");
        Spool.flush(Duration.ofSeconds(5));
        assertThat(messages(audit)).containsExactly("audit event");
        assertThat(all.events()).isEmpty();
    }

    @Test
    void setLevelTakesEffectAtOnceAndCanBeCleared() {
        configure();
        Logger log = Spool.logger("app.db.pool");
        assertThat(log.isEnabled(Level.DEBUG)).isTrue();
        Spool.setLevel("app.db", Level.WARN);
        assertThat(log.isEnabled(Level.INFO)).isFalse();
        log.info("suppressed");
        log.warn("kept");
        Spool.setLevel("app.db", null);
        log.debug("debug again");
        Spool.flush(Duration.ofSeconds(5));
        assertThat(messages(db)).containsExactly("kept", "debug again");
    }

    @Test
    void loggerNamesListsEveryLoggerMadeSoFarSorted() {
        configure();
        Spool.logger("names.b");
        Spool.logger("names.a");
        assertThat(Spool.loggerNames()).contains("names.a", "names.b")
                .doesNotContain("names.c");
        assertThat(List.copyOf(Spool.loggerNames().subSet("names.", "names.z"))).containsExactly("names.a", "names.b");
    }

    @Test
    void aLessSpecificOverrideDoesNotBeatAMoreSpecificRoute() {
        configure();
        Spool.setLevel("", Level.ERROR);
        assertThat(Spool.logger("app.web").isEnabled(Level.WARN)).isFalse();
        assertThat(Spool.logger("app.db").isEnabled(Level.DEBUG)).isTrue();
        Spool.setLevel("", null);
    }

    @Test
    void eventsCarryTheEventModel() {
        configure();
        try (Context.Scope s = Spool.correlationId("req-7")) {
            Spool.logger("app.web").atWarn().kv("user_id", 123).kv("action", "login").kv("ok", true)
                    .kv("ms", 1.5).exception(new IllegalStateException("x")).log("User {}", "ann");
        }
        Spool.flush(Duration.ofSeconds(5));
        Captured e = all.events().get(0);
        assertThat(e.message()).isEqualTo("User ann");
        assertThat(e.level()).isEqualTo(Level.WARN);
        assertThat(e.logger()).isEqualTo("app.web");
        assertThat(e.thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(e.fields()).containsEntry("user_id", 123L).containsEntry("action", "login")
                .containsEntry("ok", true).containsEntry("ms", 1.5);
        assertThat(e.context()).containsEntry("correlation_id", "req-7");
        assertThat(e.throwable()).hasMessage("x");
        assertThat(e.id()).hasSize(26);
        long nowMicros = System.currentTimeMillis() * 1000;
        assertThat(e.timestampMicros()).isBetween(nowMicros - 60_000_000L, nowMicros + 1_000_000L);
    }

    @Test
    void aDisabledBuilderIgnoresEverything() {
        configure();
        Spool.logger("app.web").atDebug().kv("k", new Object() {
            @Override
            public String toString() {
                throw new AssertionError("a disabled builder must not touch its values");
            }
        }).log("never");
        Spool.flush(Duration.ofSeconds(5));
        assertThat(all.events()).isEmpty();
    }
}
