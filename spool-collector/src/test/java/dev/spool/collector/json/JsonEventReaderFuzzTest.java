package dev.spool.collector.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.Allocation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict event reader's contract on any bytes (docs/fuzzing.md): it returns an event, or throws
 * {@link IllegalArgumentException} with a message; nothing else escapes, and parsing allocates a small
 * multiple of the line's length. Runs its kept inputs in every build; {@code ./.ci/fuzz} fuzzes it.
 */
class JsonEventReaderFuzzTest {

    private static final int MAX_EVENT_BYTES = 64 * 1024;
    /** "A small multiple of the line's length": generous, so only an allocation out of proportion fails. */
    private static final long BYTES_PER_INPUT_BYTE = 64;
    private static final long FIXED_BYTES = 256 * 1024;

    private final JsonEventReader reader = new JsonEventReader(MAX_EVENT_BYTES);

    @FuzzTest
    void readsAnEventOrSaysWhatIsWrong(byte[] line) {
        LogEvent event;
        try {
            event = reader.read(line, 0, line.length);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("the reason a line is refused").isNotBlank();
            event = null;
        }
        if (Allocation.enable()) {
            // the first read of a shape loads classes; the measure is a read after it (see Allocation.rounds)
            long budget = FIXED_BYTES + BYTES_PER_INPUT_BYTE * line.length;
            long allocated = Allocation.last(Allocation.rounds(budget, () -> readQuietly(line)));
            assertThat(allocated).as("bytes allocated reading %d bytes", line.length).isLessThan(budget);
        }
        if (event != null) {
            assertThat(line.length).isLessThanOrEqualTo(MAX_EVENT_BYTES);
            assertThat(event.level()).isNotNull();
            assertThat(event.message()).isNotNull();
            assertThat(event.resource().service()).isNotBlank();
            assertThat(event.fieldCount()).isGreaterThanOrEqualTo(0);
            for (int i = 0; i < event.fieldCount(); i++) {
                assertThat(event.fieldKey(i)).isNotNull();
            }
        }
    }

    private void readQuietly(byte[] line) {
        try {
            reader.read(line, 0, line.length);
        } catch (IllegalArgumentException expected) {
            // measured, not judged: the first read judged it
        }
    }

    @FuzzTest
    void readsAControlLineOrSaysWhatIsWrong(byte[] line) {
        try {
            assertThat(JsonEventReader.readObject(line, 0, line.length)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
