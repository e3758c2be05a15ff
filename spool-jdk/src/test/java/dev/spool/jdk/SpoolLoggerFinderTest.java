package dev.spool.jdk;

import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code System.getLogger} as an application calls it, with Spool writing into a capturing sink. */
class SpoolLoggerFinderTest {

    private final CapturingSink sink = new CapturingSink();

    /** A bundle as a library would ship one. */
    public static final class Messages extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"greeting", "hello {0}"}, {"plain", "localized text"}};
        }
    }

    @BeforeEach
    void configure() {
        Spool.configure(SpoolConfig.builder().name("jpl-test").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory())
                .route("root", "", dev.spool.Level.TRACE, "capture")
                .route("quiet", "quiet", dev.spool.Level.WARN)
                .build());
    }

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    private List<Captured> written() {
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
        return sink.events();
    }

    @Test
    void theJdkFindsSpoolsFinder() {
        assertThat(System.LoggerFinder.getLoggerFinder()).isInstanceOf(SpoolLoggerFinder.class);
        System.Logger log = System.getLogger("app.jpl");
        assertThat(log).isInstanceOf(SpoolSystemLogger.class);
        assertThat(log.getName()).isEqualTo("app.jpl");
        assertThat(System.getLogger("app.jpl")).isSameAs(log);
    }

    @Test
    void levelsMapAndOffIsNeverLogged() {
        System.Logger log = System.getLogger("app.levels");
        for (Level level : Level.values()) {
            log.log(level, level.getName());
        }
        assertThat(log.isLoggable(Level.OFF)).isFalse();
        assertThat(written()).extracting(e -> e.level() + " " + e.message()).containsExactly(
                "TRACE ALL", "TRACE TRACE", "DEBUG DEBUG", "INFO INFO", "WARN WARNING", "ERROR ERROR");
    }

    @Test
    void levelChecksFollowSpoolsRoutes() {
        System.Logger quiet = System.getLogger("quiet.jdk");
        assertThat(quiet.isLoggable(Level.INFO)).isFalse();
        assertThat(quiet.isLoggable(Level.WARNING)).isTrue();
        quiet.log(Level.INFO, () -> {
            throw new AssertionError("supplier called below the level");
        });
        quiet.log(Level.WARNING, "kept");
        assertThat(written()).extracting(Captured::message).containsExactly("kept");
    }

    @Test
    void messageFormatParametersAndBracesAsText() {
        System.Logger log = System.getLogger("app.format");
        log.log(Level.INFO, "user {0} has {1} items", "ann", 3);
        log.log(Level.INFO, "slf4j style {} is text");
        log.log(Level.INFO, "with no parameters {0} stays");
        log.log(Level.INFO, () -> "supplied");
        log.log(Level.INFO, (Object) List.of(1));
        assertThat(written()).extracting(Captured::message).containsExactly("user ann has 3 items",
                "slf4j style {} is text", "with no parameters {0} stays", "supplied", "[1]");
    }

    @Test
    void bundlesLocalizeKeys() {
        ResourceBundle bundle = new Messages();
        System.Logger log = System.getLogger("app.bundle");
        log.log(Level.INFO, bundle, "greeting", "ann");
        log.log(Level.INFO, bundle, "plain", (Throwable) null);
        log.log(Level.INFO, bundle, "missing.key", "x");
        assertThat(written()).extracting(Captured::message).containsExactly("hello ann", "localized text", "missing.key");
    }

    @Test
    void exceptionsAreKept() {
        IOException io = new IOException("disk");
        System.Logger log = System.getLogger("app.errors");
        log.log(Level.ERROR, "failed", io);
        log.log(Level.ERROR, () -> "supplied failure", io);
        assertThat(written()).allSatisfy(e -> assertThat(e.throwable()).isSameAs(io)).hasSize(2);
    }

    @Test
    void badPatternsAndFailingParametersNeverReachTheCaller() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        System.Logger log = System.getLogger("app.bad");
        log.log(Level.INFO, "unclosed {0", "x");
        log.log(Level.INFO, "value {0}", hostile);
        log.log(Level.INFO, (String) null);
        assertThat(written()).extracting(Captured::message).containsExactly("unclosed {0", "value {0}", "null");
        assertThatThrownBy(() -> System.getLogger(null)).isInstanceOf(NullPointerException.class);
    }
}
