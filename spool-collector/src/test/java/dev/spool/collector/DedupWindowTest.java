package dev.spool.collector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

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

    @Test
    void tellsApartConsecutiveIdsOfSendersThatShareTheirLowBits() {
        DedupWindow window = new DedupWindow(4096);
        for (long counter = 0; counter < 1000; counter++) {
            for (long sender = 1; sender <= 3; sender++) {
                assertThat(window.add(sender << 20, counter)).isTrue(); // same low bits, another high
                assertThat(window.add(7, sender << 40 | counter)).isTrue(); // same high, another node
            }
        }
        for (long counter = 0; counter < 1000; counter++) {
            for (long sender = 1; sender <= 3; sender++) {
                assertThat(window.add(sender << 20, counter)).isFalse();
                assertThat(window.add(7, sender << 40 | counter)).isFalse();
            }
        }
    }

    @Test
    void agreesWithASetOfTheLastIdsOnAnyMixOfNewAndRepeatedIds() {
        int size = 500;
        DedupWindow window = new DedupWindow(size);
        Random random = new Random(17);
        List<long[]> added = new ArrayList<>();
        Set<String> ever = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            long[] id;
            if (!added.isEmpty() && random.nextInt(3) == 0) {
                id = added.get(Math.max(0, added.size() - 1 - random.nextInt(size))); // one of the last `size`
                assertThat(window.add(id[0], id[1])).as("repeat %d", i).isFalse();
                continue;
            }
            // runs of counting ids, as a sender makes, and random ones, as a hostile client might
            id = random.nextBoolean() ? new long[] {random.nextLong(), random.nextLong()}
                    : new long[] {42, 1_000_000L + i};
            if (ever.add(id[0] + ":" + id[1])) {
                assertThat(window.add(id[0], id[1])).as("new id %d", i).isTrue();
                added.add(id);
            }
        }
    }

    @Test
    void findsResendsInTheOlderGenerationWhateverTheirTimeAgainstTheNewerOnes() {
        DedupWindow window = new DedupWindow(4);
        long[] older = {300, 100, 200, 250}; // the older generation's time range is 100-300
        for (long high : older) {
            assertThat(window.add(high, 1)).isTrue();
        }
        for (long high = 1000; high < 1004; high++) {
            assertThat(window.add(high, 1)).isTrue(); // fills the newer generation; the first one rolled over
        }
        for (long high : older) {
            assertThat(window.add(high, 1)).as("resend of %d", high).isFalse();
        }
        assertThat(window.add(150, 1)).as("inside the older range, never seen").isTrue();
        assertThat(window.add(50, 1)).as("below every id seen").isTrue();
        assertThat(window.add(5000, 1)).as("above every id seen").isTrue();
    }

    @Test
    void anEmptiedGenerationFindsNothingOfWhatItHeld() {
        DedupWindow window = new DedupWindow(2);
        window.add(10, 1);
        window.add(20, 1);
        window.add(30, 1); // rolls: 10, 20 are the older generation
        window.add(40, 1);
        window.add(50, 1); // rolls again: 10, 20 forgotten; 30, 40 older
        assertThat(window.add(10, 1)).isTrue();
        assertThat(window.add(30, 1)).isFalse();
    }
}
