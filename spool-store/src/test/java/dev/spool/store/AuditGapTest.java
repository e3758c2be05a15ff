package dev.spool.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@link Audit} places missing events: at the first hop whose count falls short of what was sent. */
class AuditGapTest {

    private static Audit.Hop hop(String role, long received, long written) {
        return new Audit.Hop(role, 1, received, written, 0, 0);
    }

    @Test
    void aRelayThatReceivedLessPlacesTheGapBeforeIt() {
        assertThat(Audit.gapAt(100, List.of(hop("collector", 90, 90)))).isEqualTo("before collector");
        assertThat(Audit.gapAt(100, List.of(hop("collector", 100, 100), hop("consumer", 97, 97))))
                .isEqualTo("before consumer");
    }

    @Test
    void aRelayThatReceivedAllAndWroteLessPlacesTheGapInIt() {
        assertThat(Audit.gapAt(100, List.of(hop("collector", 100, 99), hop("consumer", 99, 99))))
                .isEqualTo("in collector");
    }

    @Test
    void relaysThatWroteAllPlaceTheGapAfterTheLast() {
        assertThat(Audit.gapAt(100, List.of(hop("collector", 100, 100)))).isEqualTo("after collector");
        assertThat(Audit.gapAt(100, List.of(hop("collector", 120, 110), hop("consumer", 110, 110))))
                .isEqualTo("after consumer");
    }

    @Test
    void withoutRelayLedgersTheGapIsUnplaced() {
        assertThat(Audit.gapAt(100, List.of())).isEqualTo(Audit.UNPLACED);
    }

    @Test
    void anEntryMadeWithoutHopsKeepsItsOldShape() {
        Audit.Entry e = new Audit.Entry("ABCDEFGH", "s", "h", 1, "d", 1, 10, 8, 2, 0, 0, java.util.Map.of(),
                Audit.State.CLOSED, 5);
        assertThat(e.hops()).isEmpty();
        assertThat(e.gapAt()).isEqualTo(Audit.UNPLACED);
    }
}
