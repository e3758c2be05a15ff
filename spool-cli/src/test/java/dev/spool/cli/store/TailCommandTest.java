package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.store.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code spool tail} prints after its first read: its two reads are not one snapshot, so an event
 * committed between them is found by the second read only and must be printed, not taken as old.
 */
class TailCommandTest {

    private static LogRecord at(String id, long micros) {
        return new LogRecord(id, micros, Level.INFO, "app", "main", 1, "event " + id, null, Map.of(), Map.of(),
                null, "app", "vm", 1);
    }

    @Test
    void aFirstReadThatWasNotFullMeansEveryLaterRowIsNew() {
        List<LogRecord> lastN = List.of(at("a", 100), at("b", 200));
        List<LogRecord> read = List.of(at("c", 50), at("d", 300));

        assertThat(TailCommand.committedSince(lastN, 20, read)).containsExactly(at("c", 50), at("d", 300));
        assertThat(TailCommand.committedSince(List.of(), 20, read)).containsExactly(at("c", 50), at("d", 300));
    }

    @Test
    void aFullFirstReadMakesOlderRowsSeenAndNewerOnesNew() {
        List<LogRecord> lastN = List.of(at("a", 100), at("b", 200));
        List<LogRecord> read = List.of(at("old", 99), at("tie", 100), at("between", 150), at("new", 300));

        assertThat(TailCommand.committedSince(lastN, 2, read))
                .containsExactly(at("tie", 100), at("between", 150), at("new", 300));
    }

    @Test
    void nothingReadSecondIsNothingNew() {
        assertThat(TailCommand.committedSince(List.of(at("a", 1)), 1, List.of())).isEmpty();
    }
}
