package dev.spool.internal.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of an array read as one long, for the scans that look at a word at a time
 * ({@link dev.spool.spi.support.LineEnds}).
 *
 * <p>Ordering: none is needed. The read is a plain {@code get}: the array belongs to the calling thread (a
 * receive buffer it filled itself), so there is no other thread's write to order against, and so no jcstress
 * test; the JIT turns it into one unaligned load.
 */
public final class Words {

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {
    }

    /** Bytes {@code [index, index + 8)} as a little-endian long: byte {@code index} is the lowest. */
    public static long littleEndianLong(byte[] bytes, int index) {
        return (long) LITTLE_ENDIAN_LONGS.get(bytes, index);
    }
}
