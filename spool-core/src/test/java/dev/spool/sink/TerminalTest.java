package dev.spool.sink;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTest {

    @Test
    void colourOnlyOnAnInteractiveTerminal() {
        assertThat(Terminal.takesColor(Map.of("TERM", "xterm-256color"), true)).isTrue();
        assertThat(Terminal.takesColor(Map.of("TERM", "xterm-256color"), false)).isFalse();
    }

    @Test
    void dumbTerminalAndNoColorTurnItOff() {
        assertThat(Terminal.takesColor(Map.of("TERM", "dumb"), true)).isFalse();
        assertThat(Terminal.takesColor(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(Terminal.takesColor(Map.of("NO_COLOR", ""), true)).as("an empty NO_COLOR is unset").isTrue();
    }
}
