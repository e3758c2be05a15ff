package dev.spool.log4j;

import dev.spool.Context;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.message.StructuredDataMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The Log4j API used as an application uses it, with Spool writing into a capturing sink. */
class SpoolLog4jProviderTest {

    private final CapturingSink sink = new CapturingSink();

    @BeforeEach
    void configure() {
        Spool.configure(SpoolConfig.builder().name("log4j-test").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory())
                .route("root", "", dev.spool.Level.TRACE, "capture")
                .route("quiet", "quiet", dev.spool.Level.WARN)
                .build());
    }

    @AfterEach
    void shutDown() {
        ThreadContext.clearAll();
        Spool.shutdown(Duration.ofSeconds(10));
    }

    private List<Captured> written() {
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
        return sink.events();
    }

    private Captured only() {
        List<Captured> events = written();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Nested
    class Binding {

        @Test
        void logManagerUsesSpoolsFactoryWithoutLog4jCore() {
            assertThat(LogManager.getFactory()).isInstanceOf(SpoolLoggerContextFactory.class);
            assertThat(LogManager.getLogger("app")).isInstanceOf(SpoolLog4jLogger.class);
            assertThat(LogManager.getContext(false)).isSameAs(LogManager.getContext(true));
        }

        @Test
        void returnsTheSameLoggerForTheSameName() {
            assertThat(LogManager.getLogger("app.same")).isSameAs(LogManager.getLogger("app.same"));
            assertThat(LogManager.getLogger().getName()).isEqualTo(Binding.class.getCanonicalName());
        }

        @Test
        void rootLoggerIsSpoolsRoot() {
            LogManager.getRootLogger().info("from root");
            assertThat(only().logger()).isEmpty();
        }

        @Test
        void levelChecksFollowSpoolsRoutes() {
            Logger quiet = LogManager.getLogger("quiet.db");
            assertThat(quiet.isInfoEnabled()).isFalse();
            assertThat(quiet.isWarnEnabled()).isTrue();
            assertThat(quiet.getLevel()).isEqualTo(Level.WARN);
            quiet.info("dropped {}", 1);
            quiet.warn("kept {}", 2);
            assertThat(only().message()).isEqualTo("kept 2");
            Spool.setLevel("quiet.db", dev.spool.Level.DEBUG);
            assertThat(quiet.isDebugEnabled()).isTrue();
        }
    }

    @Nested
    class Messages {

        @Test
        void parameterisedMessagesAreFormattedBySpool() {
            Logger log = LogManager.getLogger("app.params");
            log.info("none");
            log.info("one {}", 1);
            log.info("two {} {}", "a", 2L);
            log.info("three {} {} {}", 1, 2, 3);
            log.info("many {} {} {} {} {} {} {} {} {} {} {}", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(written()).extracting(Captured::message).containsExactly("none", "one 1", "two a 2",
                    "three 1 2 3", "many 1 2 3 4 5 6 7 8 9 10 11");
        }

        @Test
        void aMessageWithoutParametersIsTakenLiterally() {
            LogManager.getLogger("app.literal").info("braces {} stay");
            assertThat(only().message()).isEqualTo("braces {} stay");
        }

        @Test
        void formatterLoggersKeepTheirOwnSyntax() {
            Logger log = LogManager.getFormatterLogger("app.printf");
            log.info("%s took %d ms", "query", 42);
            assertThat(only().message()).isEqualTo("query took 42 ms");
        }

        @Test
        void messageObjectsAndSuppliersAreFormattedOnce() {
            Logger log = LogManager.getLogger("app.objects");
            log.info(new ObjectMessage(List.of(1, 2)));
            log.info("lazy {}", () -> "value");
            log.atWarn().withMarker(MarkerManager.getMarker("AUDIT")).log("fluent {}", 7);
            List<Captured> events = written();
            assertThat(events).extracting(Captured::message).containsExactly("[1, 2]", "lazy value", "fluent 7");
            assertThat(events.get(2).level()).isEqualTo(dev.spool.Level.WARN);
            assertThat(events.get(2).fields()).containsExactly(entry("markers", "AUDIT"));
        }

        @Test
        void exceptionsExplicitOrTrailing() {
            Logger log = LogManager.getLogger("app.errors");
            IOException io = new IOException("disk");
            log.error("failed", io);
            log.error("failed {}", "x", io);
            log.atError().withThrowable(io).log("fluent");
            log.error("only {}", io); // SLF4J 2 rule: a trailing Throwable is the exception, never an argument
            assertThat(written()).allSatisfy(e -> assertThat(e.throwable()).isSameAs(io))
                    .extracting(Captured::message).containsExactly("failed", "failed x", "fluent", "only {}");
        }
    }

    @Nested
    class Levels {

        @Test
        void standardLevelsMapOneToOne() {
            Logger log = LogManager.getLogger("app.levels");
            log.trace("t");
            log.debug("d");
            log.info("i");
            log.warn("w");
            log.error("e");
            log.fatal("f");
            assertThat(written()).extracting(Captured::level).containsExactly(dev.spool.Level.TRACE,
                    dev.spool.Level.DEBUG, dev.spool.Level.INFO, dev.spool.Level.WARN, dev.spool.Level.ERROR,
                    dev.spool.Level.FATAL);
            assertThat(sink.events()).allSatisfy(e -> assertThat(e.fields()).isEmpty());
        }

        @Test
        void customLevelsFallInTheLessSevereBandAndKeepTheirName() {
            Level notice = Level.forName("NOTICE", 350);
            Level verbose = Level.forName("VERBOSE", 550);
            Level alert = Level.forName("ALERT", 150);
            Logger log = LogManager.getLogger("app.custom");
            log.log(notice, "n {}", 1);
            log.log(verbose, "v");
            log.log(alert, new ObjectMessage("a"));
            List<Captured> events = written();
            assertThat(events).extracting(Captured::level)
                    .containsExactly(dev.spool.Level.INFO, dev.spool.Level.TRACE, dev.spool.Level.ERROR);
            assertThat(events).extracting(e -> e.fields().get("log4j_level")).containsExactly("NOTICE", "VERBOSE", "ALERT");
        }

        @Test
        void aCustomLevelIsCheckedAgainstItsBand() {
            Logger quiet = LogManager.getLogger("quiet.custom");
            assertThat(quiet.isEnabled(Level.forName("NOTICE", 350))).isFalse(); // INFO band, route at WARN
            assertThat(quiet.isEnabled(Level.forName("SEVERE_WARNING", 250))).isTrue(); // WARN band
        }

        @Test
        void aNullLevelIsIgnoredNotThrown() {
            Logger log = LogManager.getLogger("app.null");
            log.log((Level) null, "x {}", 1);
            log.log((Level) null, new ObjectMessage("y"));
            assertThat(written()).isEmpty();
        }
    }

    @Nested
    class ContextAndFields {

        @Test
        void threadContextIsSpoolsContext() {
            ThreadContext.put("request_id", "r-1");
            assertThat(Context.get("request_id")).isEqualTo("r-1");
            try (Context.Scope ignored = Spool.correlationId("c-9")) {
                assertThat(ThreadContext.get("correlation_id")).isEqualTo("c-9");
                LogManager.getLogger("app.ctx").info("with context");
            }
            assertThat(only().context()).containsExactly(entry("correlation_id", "c-9"), entry("request_id", "r-1"));
            ThreadContext.remove("request_id");
            assertThat(Context.current().isEmpty()).isTrue();
        }

        @Test
        void aMarkerIsAField() {
            Marker audit = MarkerManager.getMarker("AUDIT").setParents(MarkerManager.getMarker("SECURITY"));
            LogManager.getLogger("app.marker").info(audit, "user {} logged in", "ann");
            Captured event = only();
            assertThat(event.message()).isEqualTo("user ann logged in");
            assertThat(event.fields()).containsExactly(entry("markers", "AUDIT"));
        }

        @Test
        void mapMessageEntriesBecomeTypedFields() {
            MapMessage<?, Object> map = new MapMessage<>()
                    .with("user", "ann").with("count", 3).with("ratio", 0.5).with("ok", true).with("big", 12L)
                    .with("list", (Object) List.of("a", "b"));
            LogManager.getLogger("app.map").info(map);
            Captured event = only();
            assertThat(event.message()).isEmpty();
            assertThat(event.fields()).containsEntry("user", "ann").containsEntry("count", 3)
                    .containsEntry("ratio", 0.5).containsEntry("ok", true).containsEntry("big", 12L)
                    .containsEntry("list", "[a, b]");
        }

        @Test
        void structuredDataMessageKeepsIdTypeAndText() {
            StructuredDataMessage data = new StructuredDataMessage("audit@32473", "user logged in", "login");
            data.put("user", "ann");
            LogManager.getLogger("app.sd").warn(data);
            Captured event = only();
            assertThat(event.message()).isEqualTo("user logged in");
            assertThat(event.level()).isEqualTo(dev.spool.Level.WARN);
            assertThat(event.fields()).containsEntry("user", "ann").containsEntry("sd_id", "audit@32473")
                    .containsEntry("sd_type", "login");
        }

        @Test
        void stringMapMessageKeysAndValuesAreData() {
            LogManager.getLogger("app.hostile").info(new StringMapMessage().with("k", "${jndi:ldap://x}\n{}"));
            assertThat(only().fields()).containsExactly(entry("k", "${jndi:ldap://x}\n{}"));
        }
    }

    @Nested
    class BadInput {

        @Test
        void aFailingToStringNeverReachesTheCaller() {
            Object hostile = new Object() {
                @Override
                public String toString() {
                    throw new IllegalStateException("boom");
                }
            };
            LogManager.getLogger("app.bad").info("value {}", hostile);
            assertThat(only().message()).startsWith("value [FAILED toString(): java.lang.IllegalStateException: boom");
        }

        @Test
        void nullMessagesAndLookupsAreData() {
            Logger log = LogManager.getLogger("app.bad");
            log.info((String) null);
            log.info("${jndi:ldap://example/a} {}", "${env:HOME}");
            assertThat(written()).extracting(Captured::message)
                    .containsExactly("null", "${jndi:ldap://example/a} ${env:HOME}");
        }
    }
}
