package dev.spool.internal.deflate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolsTest {

    @Test
    void everyDistanceGetsTheSymbolWhoseRangeHoldsIt() {
        for (int distance = 1; distance <= 32768; distance++) {
            int symbol = Symbols.distanceSymbol(distance);
            int first = Symbols.DISTANCE_BASE[symbol];
            int last = first + (1 << Symbols.DISTANCE_EXTRA_BITS[symbol]) - 1;

            assertThat(distance).as("symbol %d", symbol).isBetween(first, last);
        }
        assertThat(Symbols.distanceSymbol(32768)).isEqualTo(29);
    }

    @Test
    void everyLengthGetsTheSymbolWhoseRangeHoldsIt() {
        for (int length = 3; length <= 258; length++) {
            int symbol = Symbols.lengthSymbol(length);
            int first = Symbols.LENGTH_BASE[symbol];
            int last = first + (1 << Symbols.LENGTH_EXTRA_BITS[symbol]) - 1;

            assertThat(length).as("symbol %d", 257 + symbol).isBetween(first, last);
        }
        assertThat(Symbols.lengthSymbol(258)).as("258 has its own symbol, 285").isEqualTo(28);
        assertThat(Symbols.lengthSymbol(257)).isEqualTo(27);
    }
}
