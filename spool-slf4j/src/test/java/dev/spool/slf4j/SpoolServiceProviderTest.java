package dev.spool.slf4j;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** SLF4J used as an application would use it, with Spool writing into a capturing sink. */
class SpoolServiceProviderTest {

    private final CapturingSink sink = new CapturingSink();

    /** Everything at TRACE to {@code sink}, except loggers under "quiet", which are at WARN. */
    static SpoolConfig capturing(CapturingSink sink) {
        return SpoolConfig.builder().name("slf4j-test").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory())
                .route("root", "", Level.TRACE, "capture")
                .route("quiet", "quiet", Level.WARN)
                .build();
    }

    @BeforeEach
    void configure() {
        Spool.configure(capturing(sink));
    }

    @AfterEach
    void shutDown() {
        MDC.clear();
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
        void loggerFactoryIsSpools() {
            assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(SpoolLoggerFactory.class);
            assertThat(MDC.getMDCAdapter()).isInstanceOf(SpoolMdcAdapter.class);
            assertThat(LoggerFactory.getLogger("app")).isInstanceOf(SpoolLoggerAdapter.class);
        }

        @Test
        void returnsTheSameAdapterForTheSameName() {
            assertThat(LoggerFactory.getLogger("app.same")).isSameAs(LoggerFactory.getLogger("app.same"));
            assertThat(LoggerFactory.getLogger(SpoolServiceProviderTest.class).getName())
                    .isEqualTo(SpoolServiceProviderTest.class.getName());
        }

        @Test
        void rootLoggerNameIsSpoolsRoot() {
            LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME).info("from root");
            assertThat(only().logger()).isEmpty();
        }

        @Test
        void loggerObtainedBeforeReconfigurationFollowsIt() {
            Logger log = LoggerFactory.getLogger("app.early");
            log.info("first");
            CapturingSink second = new CapturingSink();
            Spool.configure(capturing(second));
            log.info("second");
            assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(sink.events()).extracting(Captured::message).containsExactly("first");
            assertThat(second.events()).extracting(Captured::message).containsExactly("second");
        }
    }

    @Nested
    class PlainCalls {

        private Logger log;

        @BeforeEach
        void logger() {
            log = LoggerFactory.getLogger("app.plain"); // after the outer @BeforeEach configured Spool
        }

        @Test
        void substitutesPlaceholders() {
            log.info("user {} bought {} items", "ann", 3);
            log.info("one {}", 1L);
            log.info("{} {} {}", "a", "b", "c");
            assertThat(written()).extracting(Captured::message)
                    .containsExactly("user ann bought 3 items", "one 1", "a b c");
        }

        @Test
        void takesATrailingThrowableAsTheException() {
            IllegalStateException failure = new IllegalStateException("disk full");
            log.warn("saving {} failed", "order-7", failure);
            Captured e = only();
            assertThat(e.message()).isEqualTo("saving order-7 failed");
            assertThat(e.throwable()).isSameAs(failure);
        }

        @Test
        void keepsAnExplicitThrowableAndLeavesTheMessageAlone() {
            IllegalStateException failure = new IllegalStateException("boom");
            log.error("failed at {}", failure);
            Captured e = only();
            assertThat(e.message()).isEqualTo("failed at {}");
            assertThat(e.throwable()).isSameAs(failure);
            assertThat(e.level()).isEqualTo(Level.ERROR);
        }

        @Test
        void passesLookupSyntaxThroughVerbatim() {
            String attack = "${jndi:ldap://x/a}";
            log.info(attack);
            log.info("user agent {}", attack);
            assertThat(written()).extracting(Captured::message)
                    .containsExactly(attack, "user agent " + attack);
        }

        @Test
        void recordsLoggerNameAndThread() {
            log.info("here");
            Captured e = only();
            assertThat(e.logger()).isEqualTo("app.plain");
            assertThat(e.thread()).isEqualTo(Thread.currentThread().getName());
        }
    }

    @Nested
    class Levels {

        @Test
        void mapEachSlf4jLevelToTheSameSpoolLevel() {
            Logger log = LoggerFactory.getLogger("app.levels");
            log.trace("t");
            log.debug("d");
            log.info("i");
            log.warn("w");
            log.error("e");
            assertThat(written()).extracting(Captured::level)
                    .containsExactly(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);
        }

        @Test
        void isEnabledFollowsTheRouteLevel() {
            Logger quiet = LoggerFactory.getLogger("quiet.db");
            assertThat(quiet.isDebugEnabled()).isFalse();
            assertThat(quiet.isInfoEnabled()).isFalse();
            assertThat(quiet.isWarnEnabled()).isTrue();
            assertThat(quiet.isErrorEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("app").isTraceEnabled()).isTrue();
        }

        @Test
        void dropsCallsBelowTheLevelAndFollowsLiveLevelChanges() {
            Logger quiet = LoggerFactory.getLogger("quiet.db");
            quiet.info("hidden {}", 1);
            quiet.atInfo().addKeyValue("k", "v").log("hidden too");
            quiet.warn("shown");
            Spool.setLevel("quiet.db", Level.DEBUG);
            assertThat(quiet.isDebugEnabled()).isTrue();
            quiet.debug("now shown");
            assertThat(written()).extracting(Captured::message).containsExactly("shown", "now shown");
        }
    }

    @Nested
    class Mdc {

        private Logger log;

        @BeforeEach
        void logger() {
            log = LoggerFactory.getLogger("app.mdc");
        }

        @Test
        void attachesMdcValuesToEvents() {
            MDC.put("user_id", "42");
            MDC.put("tenant", "acme");
            log.info("with context");
            MDC.remove("tenant");
            log.info("less context");
            List<Captured> events = written();
            assertThat(events.get(0).context()).containsOnly(entry("user_id", "42"), entry("tenant", "acme"));
            assertThat(events.get(1).context()).containsOnly(entry("user_id", "42"));
        }

        @Test
        void putCloseableRemovesTheValueOnClose() {
            MDC.MDCCloseable request = MDC.putCloseable("request", "r-1");
            try {
                log.info("inside {}", MDC.get("request"));
            } finally {
                request.close();
            }
            log.info("outside");
            List<Captured> events = written();
            assertThat(events.get(0).message()).isEqualTo("inside r-1");
            assertThat(events.get(0).context()).containsEntry("request", "r-1");
            assertThat(events.get(1).context()).doesNotContainKey("request");
        }

        @Test
        void copiesAndReplacesTheWholeMap() {
            MDC.put("a", "1");
            Map<String, String> copy = MDC.getCopyOfContextMap();
            copy.put("b", "2");
            assertThat(MDC.get("b")).isNull();
            MDC.setContextMap(copy);
            assertThat(MDC.getCopyOfContextMap()).containsOnly(entry("a", "1"), entry("b", "2"));
            MDC.clear();
            assertThat(MDC.getCopyOfContextMap()).isEmpty();
        }

        @Test
        void nullValueRemovesTheKey() {
            MDC.put("a", "1");
            MDC.put("a", null);
            assertThat(MDC.get("a")).isNull();
        }

        @Test
        void keepsDequesPerKeyApartFromTheContext() {
            MDC.pushByKey("stack", "outer");
            MDC.pushByKey("stack", "inner");
            assertThat(MDC.getMDCAdapter().getCopyOfDequeByKey("stack")).containsExactly("inner", "outer");
            log.info("deques are not fields");
            assertThat(MDC.popByKey("stack")).isEqualTo("inner");
            MDC.getMDCAdapter().clearDequeByKey("stack");
            assertThat(MDC.popByKey("stack")).isNull();
            assertThat(only().context()).isEmpty();
        }
    }

    @Nested
    class Fluent {

        private Logger log;

        @BeforeEach
        void logger() {
            log = LoggerFactory.getLogger("app.fluent");
        }

        @Test
        void carriesKeyValuesAsFields() {
            log.atInfo().addKeyValue("user_id", 42).addKeyValue("ok", true).addKeyValue("who", "ann")
                    .log("login {}", "done");
            Captured e = only();
            assertThat(e.message()).isEqualTo("login done");
            assertThat(e.fields()).containsOnly(entry("user_id", 42), entry("ok", true), entry("who", "ann"));
            assertThat(e.level()).isEqualTo(Level.INFO);
        }

        @Test
        void carriesTheCauseAndArguments() {
            RuntimeException cause = new RuntimeException("late");
            log.atError().setCause(cause).addArgument("job-9").addArgument(3).log("{} failed after {} tries");
            Captured e = only();
            assertThat(e.message()).isEqualTo("job-9 failed after 3 tries");
            assertThat(e.throwable()).isSameAs(cause);
            assertThat(e.level()).isEqualTo(Level.ERROR);
        }

        @Test
        void usesTheMessageSupplier() {
            log.atDebug().setMessage(() -> "computed").log();
            assertThat(only().message()).isEqualTo("computed");
        }

        @Test
        void suppliersAddedArgumentsAndLogArgumentsInSlf4jsOrder() {
            log.atInfo().addArgument(() -> "first").addKeyValue("size", () -> 3).addArgument("second")
                    .log("{} {} {} {}", "third", "fourth");
            log.atInfo().setMessage("set {}").addArgument(1).log();
            log.atInfo().log(() -> "from a supplier");
            List<Captured> events = written();
            assertThat(events).extracting(Captured::message)
                    .containsExactly("first second third fourth", "set 1", "from a supplier");
            assertThat(events.get(0).fields()).containsOnly(entry("size", 3));
        }

        @Test
        void aTrailingThrowableArgumentIsTheCause() {
            IllegalStateException failure = new IllegalStateException("late");
            log.atError().addKeyValue("job", 9).log("job {} failed", "nightly", failure);
            Captured e = only();
            assertThat(e.message()).isEqualTo("job nightly failed");
            assertThat(e.throwable()).isSameAs(failure);
        }

        private int computedByCodeThatLogs() {
            log.atInfo().addKeyValue("inner", true).log("inner");
            return 7;
        }

        @Test
        void aFluentCallMadeWhileAnotherIsBeingBuiltLosesNeither() {
            log.atWarn().addKeyValue("before", 1).addKeyValue("value", computedByCodeThatLogs())
                    .addKeyValue("after", 2).log("outer {}", "a");
            log.atInfo().addKeyValue("k", "v").log("next");
            List<Captured> events = written();
            assertThat(events).extracting(Captured::message).containsExactly("inner", "outer a", "next");
            assertThat(events.get(0).fields()).containsOnly(entry("inner", true));
            assertThat(events.get(1).fields()).containsOnly(entry("before", 1), entry("value", 7), entry("after", 2));
            assertThat(events.get(2).fields()).containsOnly(entry("k", "v"));
        }

        @Test
        void anArgumentWhoseToStringLogsLosesNeither() {
            Object loud = new Object() {
                @Override
                public String toString() {
                    log.atInfo().addKeyValue("from", "toString").log("inside");
                    return "loud";
                }
            };
            log.atInfo().addKeyValue("outer", true).log("value {}", loud);
            List<Captured> events = written();
            assertThat(events).extracting(Captured::message).containsExactlyInAnyOrder("inside", "value loud");
            assertThat(events).filteredOn(e -> e.message().equals("value loud")).singleElement()
                    .extracting(Captured::fields).isEqualTo(java.util.Map.of("outer", true));
        }

        @Test
        void aBuilderKeptAfterItsLogCallStartsANewEvent() {
            org.slf4j.spi.LoggingEventBuilder kept = log.atInfo().addKeyValue("k", 1);
            kept.log("logged");
            kept.addKeyValue("late", 2).addMarker(MarkerFactory.getMarker("AGAIN")).log("again");
            log.atInfo().log("next");
            List<Captured> events = written();
            assertThat(events).extracting(Captured::message).containsExactly("logged", "again", "next");
            assertThat(events.get(0).fields()).containsOnly(entry("k", 1));
            assertThat(events.get(1).fields()).containsOnly(entry("late", 2), entry(SpoolLoggerAdapter.MARKERS_FIELD, "AGAIN"));
            assertThat(events.get(2).fields()).isEmpty();
        }
    }

    @Nested
    class Markers {

        private final Marker audit = MarkerFactory.getMarker("AUDIT");
        private Logger log;

        @BeforeEach
        void logger() {
            log = LoggerFactory.getLogger("app.markers");
        }

        @Test
        void plainCallKeepsTheMarkerNameAsAField() {
            log.info(audit, "changed {} to {}", "a", "b");
            Captured e = only();
            assertThat(e.message()).isEqualTo("changed a to b");
            assertThat(e.fields()).containsOnly(entry(SpoolLoggerAdapter.MARKERS_FIELD, "AUDIT"));
        }

        @Test
        void markerCallKeepsAnExplicitThrowable() {
            IllegalArgumentException failure = new IllegalArgumentException("bad");
            log.warn(audit, "rejected", failure);
            Captured e = only();
            assertThat(e.throwable()).isSameAs(failure);
            assertThat(e.fields()).containsEntry(SpoolLoggerAdapter.MARKERS_FIELD, "AUDIT");
        }

        @Test
        void fluentCallJoinsAllMarkerNames() {
            log.atWarn().addMarker(audit).addMarker(MarkerFactory.getMarker("SECURITY")).log("denied");
            assertThat(only().fields()).containsOnly(entry(SpoolLoggerAdapter.MARKERS_FIELD, "AUDIT,SECURITY"));
        }

        @Test
        void nullMarkerIsIgnored() {
            log.info((Marker) null, "no marker");
            assertThat(only().fields()).isEmpty();
        }
    }
}
