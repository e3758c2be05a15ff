package dev.spool.internal.deflate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Bits packed into a growing byte array, least significant bit first (RFC 1951, 3.1.1). Room is reserved a
 * block at a time ({@link #reserve}) so that {@link #write} need not check it.
 *
 * <p>Ordering: none is needed; the array belongs to one encoding thread. The four-byte store is a plain
 * {@code set} that the JIT makes one unaligned store.
 */
final class BitOutput {

    static final VarHandle LITTLE_ENDIAN_INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    // package-private for BlockWriter's token loop, which keeps them in locals (C2 does not keep fields in
    // registers across the iterations of a loop; measured: docs/decisions/fast-deflate.md)
    byte[] bytes = new byte[64 * 1024];
    int length;
    long pending;
    int pendingBits;

    /** Makes room for at least {@code more} bytes beyond what is written and pending. */
    void reserve(int more) {
        int needed = length + 8 + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    /** Appends the low {@code count} bits of {@code value} (at most 32; no higher bit may be set). */
    void write(int value, int count) {
        pending |= (value & 0xffffffffL) << pendingBits;
        pendingBits += count;
        if (pendingBits >= 32) {
            LITTLE_ENDIAN_INTS.set(bytes, length, (int) pending);
            length += 4;
            pending >>>= 32;
            pendingBits -= 32;
        }
    }

    /** Pads with zero bits to the next byte boundary and writes out what is pending. */
    void alignToByte() {
        while (pendingBits > 0) {
            bytes[length++] = (byte) pending;
            pending >>>= 8;
            pendingBits -= 8;
        }
        pending = 0;
        pendingBits = 0;
    }

    /** Appends bytes as they are; only after {@link #alignToByte}. */
    void writeBytes(byte[] source, int from, int count) {
        System.arraycopy(source, from, bytes, length, count);
        length += count;
    }

    /** The bytes written so far, complete ones only ({@link #alignToByte} first for all). */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void clear() {
        length = 0;
        pending = 0;
        pendingBits = 0;
    }
}
