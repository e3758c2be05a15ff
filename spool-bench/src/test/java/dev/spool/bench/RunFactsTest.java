package dev.spool.bench;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RunFactsTest {

    private static ChildRunner.Outcome outcome(String... keyValues) {
        Properties result = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            result.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return new ChildRunner.Outcome(0, false, result, "");
    }

    @Test
    void notesTheCompilersCpuNextToTheGc() {
        String notes = RunFacts.notes(outcome("gcCount", "2", "gcMillis", "6", "cpu.jitNanos", "898000260",
                "stop.written", "2000000", "stop.dropped", "0"));
        assertThat(notes).isEqualTo("gc 2 (6 ms); compilers' CPU 898 ms; spool written 2000000, dropped 0");
    }

    @Test
    void leavesTheCompilersOutWhenTheRunDidNotMeasureThem() {
        assertThat(RunFacts.notes(outcome("gcCount", "1", "gcMillis", "3"))).isEqualTo("gc 1 (3 ms)");
    }

    @Test
    void notesTheHostsStealBesideTheCompilers() {
        String notes = RunFacts.notes(outcome("gcCount", "0", "gcMillis", "0", "cpu.jitNanos", "5000000",
                "cpu.hostStealNanos", "300000000"));
        assertThat(notes).isEqualTo("gc 0 (0 ms); compilers' CPU 5 ms; host steal 300 ms");
    }
}
