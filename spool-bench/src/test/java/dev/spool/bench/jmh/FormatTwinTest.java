package dev.spool.bench.jmh;

import dev.spool.format.TextFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatTwinTest {

    private static Path thisBuild() throws Exception {
        return FormatTwin.jar(Path.of(TextFormat.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    @Test
    void eachBuildIsLoadedOnItsOwnAndFormatsItsEvents() throws Exception {
        LongUnaryOperator first = FormatTwin.load(thisBuild(), "kv");
        LongUnaryOperator second = FormatTwin.load(thisBuild(), "kv");
        assertThat(first.getClass()).as("not the application's copy").isNotSameAs(FormatTwin.Loop.class);
        assertThat(first.getClass()).as("a copy per build").isNotSameAs(second.getClass());
        assertThat(first.applyAsLong(1_000)).as("CPU time of the thread").isPositive();
        String described = (String) first.getClass().getMethod("describe").invoke(first);
        // 1,000 lines of the kv pattern, each over 60 bytes, formatted by spool-core's classes in the build's loader
        assertThat(Long.parseLong(described.substring(0, described.indexOf(' ')))).isGreaterThan(60_000);
        assertThat(described).contains("by spool-core ");
    }

    @Test
    void timesEveryRoundOfBothBuildsWhicheverGoesFirst() throws Exception {
        for (boolean newFirst : new boolean[] {false, true}) {
            FormatTwin.Result result = FormatTwin.compare(thisBuild(), thisBuild(), "text", 3, 2_000, newFirst);
            assertThat(result.old()).hasSize(3).doesNotContain(0.0);
            assertThat(result.current()).hasSize(3).doesNotContain(0.0);
            assertThat(DoubleStream.concat(Arrays.stream(result.old()), Arrays.stream(result.current())).min().orElseThrow())
                    .isPositive();
            assertThat(result.report()).startsWith("shape text, 3 rounds: ").contains("new faster in ");
        }
    }

    @Test
    void theRatioIsTheMedianOfEachRoundsNewOverOld() {
        FormatTwin.Result result = new FormatTwin.Result("kv", new double[] {100, 200, 100}, new double[] {90, 220, 50});
        assertThat(result.pairRatio()).isEqualTo(0.9); // 0.9, 1.1, 0.5
        assertThat(result.newFaster()).isEqualTo(2);
    }

    @Test
    void refusesWhatItCannotCompare(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FormatTwin.compare(thisBuild(), thisBuild(), "xml", 3, 10, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text, kv or json");
        assertThatThrownBy(() -> FormatTwin.jar(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such build");
        Files.createFile(dir.resolve("spool-core-1.jar"));
        Files.createFile(dir.resolve("spool-core-2.jar"));
        assertThatThrownBy(() -> FormatTwin.jar(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2");
    }
}
