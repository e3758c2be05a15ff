package dev.spool.jul;

import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ListResourceBundle;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** java.util.logging used as JUL-only code uses it, routed to Spool by {@link SpoolJul#install()}. */
class SpoolHandlerTest {

    private final CapturingSink sink = new CapturingSink();

    /** JUL custom levels are subclasses; these sit between the standard ones. */
    static final class CustomLevel extends Level {
        CustomLevel(String name, int value) {
            super(name, value);
        }
    }

    static final class Catalog extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"greeting", "hello {0}, you have {1} messages"}, {"plain", "localized text"}};
        }
    }

    static SpoolConfig capturing(CapturingSink sink, dev.spool.Level rootLevel) {
        return SpoolConfig.builder().name("jul-test").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory())
                .route("root", "", rootLevel, "capture")
                .route("quiet", "quiet", dev.spool.Level.WARN)
                .build();
    }

    @BeforeEach
    void configure() {
        Spool.configure(capturing(sink, dev.spool.Level.TRACE));
        SpoolJul.install();
    }

    @AfterEach
    void shutDown() {
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
    class Levels {

        @Test
        void mapsStandardLevels() {
            Logger jul = Logger.getLogger("app.jul.levels");
            for (Level level : List.of(Level.FINEST, Level.FINER, Level.FINE, Level.CONFIG, Level.INFO,
                    Level.WARNING, Level.SEVERE)) {
                jul.log(level, level.getName());
            }
            assertThat(written()).extracting(Captured::level).containsExactly(dev.spool.Level.TRACE,
                    dev.spool.Level.TRACE, dev.spool.Level.DEBUG, dev.spool.Level.INFO, dev.spool.Level.INFO,
                    dev.spool.Level.WARN, dev.spool.Level.ERROR);
        }

        @Test
        void mapsCustomLevelsByValue() {
            Logger jul = Logger.getLogger("app.jul.custom");
            for (int value : new int[] {250, 450, 600, 750, 850, 950, 1200}) {
                jul.log(new CustomLevel("L" + value, value), "at " + value);
            }
            assertThat(written()).extracting(Captured::level).containsExactly(dev.spool.Level.TRACE,
                    dev.spool.Level.TRACE, dev.spool.Level.DEBUG, dev.spool.Level.INFO, dev.spool.Level.INFO,
                    dev.spool.Level.WARN, dev.spool.Level.ERROR);
        }

        @Test
        void leavesOutWhatTheSpoolLoggerRejects() {
            Logger jul = Logger.getLogger("quiet.jul");
            jul.setLevel(Level.ALL);
            jul.info("below the quiet route");
            jul.warning("at the quiet route");
            assertThat(only().message()).isEqualTo("at the quiet route");
        }

        @Test
        void respectsTheHandlersOwnLevel() {
            handler().setLevel(Level.WARNING);
            try {
                Logger jul = Logger.getLogger("app.jul.handler");
                jul.info("below the handler");
                jul.severe("above the handler");
                assertThat(only().message()).isEqualTo("above the handler");
            } finally {
                handler().setLevel(Level.ALL);
            }
        }
    }

    @Nested
    class Messages {

        private final Logger jul = Logger.getLogger("app.jul.messages");

        @Test
        void formatsParametersWithMessageFormat() {
            jul.log(Level.INFO, "user {0} bought {1} items", new Object[] {"ann", 3});
            Captured e = only();
            assertThat(e.message()).isEqualTo("user ann bought 3 items");
            assertThat(e.logger()).isEqualTo("app.jul.messages");
        }

        @Test
        void keepsTextWithoutIndexedPlaceholdersVerbatim() {
            jul.log(Level.INFO, "slf4j style {} stays", "ignored");
            jul.log(Level.INFO, "no parameters {0}");
            jul.log(Level.INFO, "broken {0 pattern", "x");
            assertThat(written()).extracting(Captured::message)
                    .containsExactly("slf4j style {} stays", "no parameters {0}", "broken {0 pattern");
        }

        @Test
        void passesLookupSyntaxThroughVerbatim() {
            String attack = "${jndi:ldap://x/a}";
            jul.info(attack);
            jul.log(Level.INFO, "agent {0}", attack);
            assertThat(written()).extracting(Captured::message).containsExactly(attack, "agent " + attack);
        }

        @Test
        void localizesWithTheRecordsResourceBundle() {
            jul.logrb(Level.INFO, new Catalog(), "greeting", "ann", 2);
            jul.logrb(Level.INFO, new Catalog(), "plain");
            jul.logrb(Level.INFO, new Catalog(), "not.a.key {0}", "x");
            assertThat(written()).extracting(Captured::message)
                    .containsExactly("hello ann, you have 2 messages", "localized text", "not.a.key x");
        }

        @Test
        void writesNullForAMissingMessage() {
            jul.log(Level.INFO, (String) null);
            assertThat(only().message()).isEqualTo("null");
        }

        @Test
        void keepsTheThrownException() {
            IllegalStateException failure = new IllegalStateException("disk full");
            jul.log(Level.SEVERE, "save failed", failure);
            Captured e = only();
            assertThat(e.message()).isEqualTo("save failed");
            assertThat(e.throwable()).isSameAs(failure);
            assertThat(e.level()).isEqualTo(dev.spool.Level.ERROR);
        }
    }

    @Nested
    class Install {

        private final Logger root = Logger.getLogger("");

        @Test
        void replacesTheRootHandlersAndIsIdempotent() {
            root.addHandler(new ConsoleHandler());
            SpoolJul.install();
            SpoolJul.install();
            assertThat(root.getHandlers()).hasSize(1).allMatch(h -> h instanceof SpoolHandler);
        }

        @Test
        void setsTheRootLevelFromSpoolsRoot() {
            assertThat(root.getLevel()).isEqualTo(Level.ALL);
            Spool.configure(capturing(sink, dev.spool.Level.INFO));
            SpoolJul.install();
            assertThat(root.getLevel()).isEqualTo(Level.CONFIG);
            Logger jul = Logger.getLogger("app.jul.install");
            jul.fine("below the root level");
            jul.config("config is info");
            assertThat(only().message()).isEqualTo("config is info");
        }

        @Test
        void mapsEverySpoolRootLevelToTheLowestJulLevelThatPasses() {
            Map<dev.spool.Level, Level> expected = new EnumMap<>(dev.spool.Level.class);
            expected.put(dev.spool.Level.TRACE, Level.ALL);
            expected.put(dev.spool.Level.DEBUG, Level.FINE);
            expected.put(dev.spool.Level.INFO, Level.CONFIG);
            expected.put(dev.spool.Level.WARN, Level.WARNING);
            expected.put(dev.spool.Level.ERROR, Level.SEVERE);
            expected.put(dev.spool.Level.FATAL, Level.OFF);
            try {
                expected.forEach((spoolLevel, julLevel) -> {
                    Spool.setLevel("", spoolLevel);
                    SpoolJul.install();
                    assertThat(root.getLevel()).as("JUL root level for Spool %s", spoolLevel).isEqualTo(julLevel);
                });
            } finally {
                Spool.setLevel("", null);
            }
        }

        @Test
        void configClassInstallsTheHandler() {
            Arrays.stream(root.getHandlers()).forEach(root::removeHandler);
            new SpoolJulConfig();
            assertThat(root.getHandlers()).hasSize(1).allMatch(h -> h instanceof SpoolHandler);
            Logger.getLogger("app.jul.config").info("through the config class");
            assertThat(only().message()).isEqualTo("through the config class");
        }
    }

    private static Handler handler() {
        return Logger.getLogger("").getHandlers()[0];
    }
}
