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

    private static LedgerRecord relay(String relayNode, long start, String role, String upstream, long received,
                                      long written) {
        return new LedgerRecord(relayNode, start, "p", "*", 10, 0, 0, java.util.Map.of(), "", false, "r", "h", 1,
                new dev.spool.spi.Ledger.Relay(role, upstream, received, written, 0, 0, 0, 0));
    }

    @Test
    void theRelaysOfAProducerAreSummedPerRoleOverTheirRunsUpstreamFirst() {
        Audit.Entry missing = new Audit.Entry("PRODUCER", "s", "h", 1, "d", 1, 100, 90, 10, 0, 0, java.util.Map.of(),
                Audit.State.CLOSED, 5);
        Audit.Entry other = new Audit.Entry("OTHERONE", "s", "h", 2, "d", 1, 5, 5, 0, 0, 0, java.util.Map.of(),
                Audit.State.CLOSED, 5);
        List<LedgerRecord> relays = List.of(
                relay("CONSUMER", 1, "consumer", "PRODUCER", 100, 100),
                relay("COLLECT1", 1, "collector", "PRODUCER", 60, 40),
                relay("COLLECT1", 2, "collector", "PRODUCER", 50, 50), // the same collector, restarted
                relay("COLLECT1", 2, "collector", "", 0, 0),
                relay("COLLECT1", 2, "collector", "OTHERONE", 5, 5));
        List<Audit.Entry> entries = Audit.withRelays(List.of(missing, other), relays);
        assertThat(entries.get(0).hops()).containsExactly(new Audit.Hop("collector", 2, 110, 90, 0, 0),
                new Audit.Hop("consumer", 1, 100, 100, 0, 0));
        assertThat(entries.get(0).gapAt()).isEqualTo("in collector");
        assertThat(entries.get(1).hops()).containsExactly(new Audit.Hop("collector", 1, 5, 5, 0, 0));
        assertThat(entries.get(1).gapAt()).isEmpty();
        assertThat(Audit.relays(relays, 20, 1_000)).extracting(Audit.RelayEntry::role, Audit.RelayEntry::startMicros,
                Audit.RelayEntry::upstreams, Audit.RelayEntry::written).containsExactly(
                org.assertj.core.groups.Tuple.tuple("collector", 1L, 1, 40L),
                org.assertj.core.groups.Tuple.tuple("collector", 2L, 2, 55L),
                org.assertj.core.groups.Tuple.tuple("consumer", 1L, 1, 100L));
    }
}
