package dev.spool.config;

import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.RouteConfig;
import dev.spool.SpoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    private static final Function<String, String> NO_SYS = k -> null;
    private static final Function<String, String> NO_ENV = k -> null;

    /** Uses a code-registered destination type ('capture', from the test service file). */
    private static Map<String, String> base() {
        Map<String, String> m = new TreeMap<>();
        m.put("destination.out.type", "capture");
        m.put("route.root.destinations", "out");
        return m;
    }

    private static SpoolConfig parse(Map<String, String> values) {
        return ConfigFile.parse(values, "test.properties", NO_SYS, NO_ENV);
    }

    @Test
    void readsEveryTopLevelKey() {
        Map<String, String> m = base();
        m.put("name", "svc-pipeline");
        m.put("service", "checkout");
        m.put("host", "web-1");
        m.put("queue.capacity", "1000");
        m.put("queue.maxBatch", "64");
        m.put("queue.highWaterMark", "90%");
        m.put("shutdown.timeout", "2s");
        m.put("shutdown.hook", "false");
        m.put("jmx", "off");
        SpoolConfig c = parse(m);
        assertThat(c.name()).isEqualTo("svc-pipeline");
        assertThat(c.resource().service()).isEqualTo("checkout");
        assertThat(c.resource().host()).isEqualTo("web-1");
        assertThat(c.queueCapacity()).isEqualTo(1024);
        assertThat(c.maxBatch()).isEqualTo(64);
        assertThat(c.highWaterMark()).isEqualTo(0.9);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.shutdownHook()).isFalse();
        assertThat(c.jmx()).isFalse();
    }

    @Test
    void readsRoutesWithTargetLevelsAdditivityAndOverflow() {
        Map<String, String> m = base();
        m.put("destination.errs.type", "capture");
        m.put("route.concurrency.logger", "CONCURRENCY");
        m.put("route.concurrency.level", "critical");
        m.put("route.concurrency.destinations", "out, errs:ERROR");
        m.put("route.concurrency.additive", "false");
        m.put("route.concurrency.overflow", "drop-below:WARN");
        RouteConfig r = parse(m).routes().stream().filter(x -> x.name().equals("concurrency")).findFirst().orElseThrow();
        assertThat(r.loggerPrefix()).isEqualTo("CONCURRENCY");
        assertThat(r.level()).isEqualTo(Level.FATAL);
        assertThat(r.targets()).containsExactly(new RouteConfig.Target("out", Level.TRACE),
                new RouteConfig.Target("errs", Level.ERROR));
        assertThat(r.additive()).isFalse();
        assertThat(r.overflow()).isEqualTo(OverflowPolicy.dropBelow(Level.WARN));
    }

    @Test
    void substitutesSystemPropertiesAndEnvironmentWithDefaults() {
        Map<String, String> m = base();
        m.put("service", "${env:SVC}-${sys:region:-eu}");
        m.put("host", "$${literal}");
        SpoolConfig c = ConfigFile.parse(m, "t", k -> null, k -> k.equals("SVC") ? "billing" : null);
        assertThat(c.resource().service()).isEqualTo("billing-eu");
        assertThat(c.resource().host()).isEqualTo("${literal}");
    }

    @Test
    void errorsNameTheKeyTheValueAndWhatIsAccepted() {
        assertError("queue.capacity", "lots", "'queue.capacity'", "'lots'", "an integer from 16");
        assertError("shutdown.timeout", "soon", "'shutdown.timeout'", "'soon'", "a duration such as");
        assertError("route.root.level", "LOUD", "'route.root.level'", "'LOUD'", "CRITICAL = FATAL");
        assertError("route.root.overflow", "spill", "'route.root.overflow'", "'spill'", "drop-below:LEVEL");
        assertError("queue.size", "10", "unknown key 'queue.size'", "accepted keys are", "queue.capacity");
        assertError("route.root.destinations", "nowhere", "'route.root.destinations'", "'nowhere'", "no such destination");
        assertError("destination.out.type", "carrier-pigeon", "'destination.out.type'", "'carrier-pigeon'", "expected one of");
        assertError("service", "${env:MISSING}", "'service'", "is not set and has no :-default", "${env:MISSING}");
    }

    @Test
    void durationsJavaCannotParseOrHoldAreErrorsNamingTheKey() {
        // found by ConfigFileFuzzTest: Duration's DateTimeParseException and ArithmeticException got out bare
        assertError("shutdown.timeout", "pk", "'shutdown.timeout'", "'pk'", "a duration such as");
        assertError("shutdown.timeout", "9999999999999999d", "'shutdown.timeout'", "a duration such as");
        assertError("shutdown.timeout", "PT-5S", "'shutdown.timeout'", "a duration such as");
    }

    private static void assertError(String key, String value, String... fragments) {
        Map<String, String> m = base();
        m.put(key, value);
        assertThatThrownBy(() -> parse(m)).isInstanceOf(IllegalArgumentException.class)
                .message().contains(fragments).startsWith("test.properties: ");
    }

    @Test
    void discoveryPrefersTheSystemPropertyThenTheEnvironmentThenTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.properties"), "service=from-sys\ndestination.out.type=capture\nroute.root.destinations=out\n");
        Path b = Files.writeString(dir.resolve("b.properties"), "service=from-env\ndestination.out.type=capture\nroute.root.destinations=out\n");
        Path local = Files.writeString(dir.resolve("spool.properties"), "service=from-cwd\ndestination.out.type=capture\nroute.root.destinations=out\n");
        Function<String, String> sys = k -> k.equals("spool.config") ? a.toString() : null;
        Function<String, String> env = k -> k.equals("SPOOL_CONFIG") ? b.toString() : null;
        assertThat(ConfigFile.discover(sys, env, local).orElseThrow().resource().service()).isEqualTo("from-sys");
        assertThat(ConfigFile.discover(NO_SYS, env, local).orElseThrow().resource().service()).isEqualTo("from-env");
        assertThat(ConfigFile.discover(NO_SYS, NO_ENV, local).orElseThrow().resource().service()).isEqualTo("from-cwd");
        assertThat(ConfigFile.discover(NO_SYS, NO_ENV, dir.resolve("absent.properties"))).isEmpty();
        assertThatThrownBy(() -> ConfigFile.discover(k -> k.equals("spool.config") ? "/nope.properties" : null, NO_ENV, local))
                .hasMessageContaining("/nope.properties").hasMessageContaining("-Dspool.config").hasMessageContaining("does not exist");
    }

    @Test
    void configWatchIsOffByDefaultAndTakesOffOrADurationOfAtLeast100ms(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spool.properties");
        Files.writeString(file, "destination.out.type=capture\nroute.root.destinations=out\n");
        ConfigFile.Loaded loaded = ConfigFile.read(file);
        assertThat(loaded.watchInterval()).isZero();
        assertThat(loaded.file()).contains(file);
        Files.writeString(file, "config.watch = 30s\ndestination.out.type=capture\nroute.root.destinations=out\n");
        assertThat(ConfigFile.read(file).watchInterval()).isEqualTo(Duration.ofSeconds(30));
        Files.writeString(file, "config.watch = off\ndestination.out.type=capture\nroute.root.destinations=out\n");
        assertThat(ConfigFile.read(file).watchInterval()).isZero();
        assertError("config.watch", "soon", "bad value 'soon' for key 'config.watch'",
                "expected off or a duration of at least 100ms");
        assertError("config.watch", "50ms", "bad value '50ms' for key 'config.watch'", "at least 100ms");
        assertError("config.watch", "-5s", "bad value '-5s' for key 'config.watch'");
    }

    @Test
    void locateNamesTheFileFindWouldReadEvenWhenItIsBrokenOrMissing(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.properties"), "route.root.level = LOUD\n");
        Path local = Files.writeString(dir.resolve("spool.properties"), "route.root.level = LOUD\n");
        assertThat(ConfigFile.locate(k -> k.equals("spool.config") ? broken.toString() : null, NO_ENV, local))
                .contains(broken);
        assertThat(ConfigFile.locate(NO_SYS, k -> k.equals("SPOOL_CONFIG") ? "/nope.properties" : null, local))
                .contains(Path.of("/nope.properties"));
        assertThat(ConfigFile.locate(NO_SYS, NO_ENV, local)).contains(local);
        assertThatThrownBy(() -> ConfigFile.find(NO_SYS, NO_ENV, local)).hasMessageContaining("'LOUD'");
    }

    @Test
    void aBadUnicodeEscapeNamesTheFile(@TempDir Path dir) throws Exception {
        // found by ConfigFileFuzzTest: Properties' own message named neither the file nor the escape's fix
        Path file = Files.writeString(dir.resolve("bad.properties"), "service=a\\uZZ\n");
        assertThatThrownBy(() -> ConfigFile.load(file, NO_SYS, NO_ENV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("four hexadecimal digits");
    }
}
