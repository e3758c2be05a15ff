package dev.spool.bench.services;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalsTest {

    private static String line(int p, long seq) {
        return "{\"v\":1,\"logger\":\"bench.services.p" + p + "\",\"message\":\"" + Arrivals.message(p, seq) + "\"}";
    }

    @Test
    void everyEventOnceIsOk() {
        Arrivals a = new Arrivals(0, 2, 3);
        for (int p = 0; p < 2; p++) {
            for (int s = 0; s < 3; s++) {
                a.scan(line(p, s));
            }
        }
        assertThat(a.verdict().ok()).isTrue();
        assertThat(a.verdict().label()).isEqualTo("OK");
    }

    @Test
    void aMissingEventIsALossWithItsCount() {
        Arrivals a = new Arrivals(0, 1, 1000);
        for (int s = 0; s < 1000; s++) {
            if (s != 517) {
                a.scan(line(0, s));
            }
        }
        assertThat(a.verdict().ok()).isFalse();
        assertThat(a.verdict().label()).isEqualTo("LOST 1/1000");
    }

    @Test
    void aRepeatedEventIsADuplicateEvenWhenTheCountIsRight() {
        Arrivals a = new Arrivals(0, 1, 3);
        a.scan(line(0, 0));
        a.scan(line(0, 1));
        a.scan(line(0, 1));
        assertThat(a.verdict().label()).isEqualTo("LOST 1/3 DUPLICATED 1/3");
    }

    @Test
    void aLineThatIsNoBenchmarkEventIsMalformedButLedgersAndOtherProducersAreNot() {
        Arrivals a = new Arrivals(1, 1, 1);
        a.scan(line(1, 0));
        a.scan(line(0, 0)); // another measurement's producer into the same receiver
        a.scan("{\"logger\":\"spool.ledger\",\"message\":\"ledger out\",\"kind\":\"ledger\"}");
        assertThat(a.verdict().ok()).isTrue();
        assertThat(a.ledgers()).isEqualTo(1);

        a.scan("garbage");
        assertThat(a.verdict().label()).isEqualTo("MALFORMED 1/1");
    }

    @Test
    void aSequenceNumberBeyondTheRunIsMalformed() {
        Arrivals a = new Arrivals(0, 1, 2);
        a.scan(line(0, 0));
        a.scan(line(0, 1));
        a.scan(line(0, 2));
        assertThat(a.verdict().ok()).isFalse();
        assertThat(a.verdict().label()).contains("MALFORMED 1/2");
    }
}
