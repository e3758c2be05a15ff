package dev.spool.collector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DedupWindowTest {

    @Test
    void recognisesAnIdSeenWithinTheWindow() {
        DedupWindow window = new DedupWindow(1000);
        for (long i = 1; i <= 1000; i++) {
            assertThat(window.add(i, ~i)).isTrue();
        }
        for (long i = 1; i <= 1000; i++) {
            assertThat(window.add(i, ~i)).as("id %d again", i).isFalse();
        }
    }

    @Test
    void remembersAtLeastItsSizeAndForgetsTheOldestBeyondTwiceThat() {
        DedupWindow window = new DedupWindow(100);
        for (long i = 1; i <= 250; i++) {
            window.add(i, 7);
        }
        assertThat(window.add(1, 7)).as("older than twice the size").isTrue();
        for (long i = 151; i <= 250; i++) {
            assertThat(window.add(i, 7)).as("one of the last 100: %d", i).isFalse();
        }
    }

    @Test
    void tellsIdsApartByBothHalves() {
        DedupWindow window = new DedupWindow(10);
        assertThat(window.add(5, 1)).isTrue();
        assertThat(window.add(5, 2)).isTrue();
        assertThat(window.add(6, 1)).isTrue();
        assertThat(window.add(5, 1)).isFalse();
    }
}
