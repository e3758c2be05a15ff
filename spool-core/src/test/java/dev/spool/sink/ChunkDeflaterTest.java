package dev.spool.sink;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkDeflaterTest {

    private static int crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0, 1", "1, 0", "1, 1", "5, 3", "1000, 65536", "1048576, 1048579", "7, 3000001"})
    void combinesTwoCrcsIntoTheCrcOfBothSequencesInOrder(int firstLength, int secondLength) {
        byte[] bytes = new byte[firstLength + secondLength];
        new Random(firstLength * 31L + secondLength).nextBytes(bytes);

        int combined = ChunkDeflater.combineCrc(crc(bytes, 0, firstLength), crc(bytes, firstLength, bytes.length),
                secondLength);

        assertThat(combined).isEqualTo(crc(bytes, 0, bytes.length));
    }
}
