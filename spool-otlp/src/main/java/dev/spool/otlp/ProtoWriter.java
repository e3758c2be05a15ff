package dev.spool.otlp;

import dev.spool.spi.ByteBuilder;

/**
 * The protobuf wire format, as far as OTLP's logs need it: varints, fixed 32 and 64-bit numbers and
 * length-delimited fields, appended to a {@link ByteBuilder}. Stateless.
 */
final class ProtoWriter {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private ProtoWriter() {
    }

    static void tag(int field, int wireType, ByteBuilder out) {
        varint(((long) field << 3) | wireType, out);
    }

    static void varint(long value, ByteBuilder out) {
        while ((value & ~0x7FL) != 0) {
            out.append((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.append((byte) value);
    }

    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    static void fixed64(long value, ByteBuilder out) {
        for (int i = 0; i < 8; i++) {
            out.append((byte) (value >>> (8 * i)));
        }
    }

    static void fixed32(int value, ByteBuilder out) {
        for (int i = 0; i < 4; i++) {
            out.append((byte) (value >>> (8 * i)));
        }
    }

    /** A length-delimited field holding all of {@code content}. */
    static void bytesField(int field, ByteBuilder content, ByteBuilder out) {
        tag(field, LENGTH_DELIMITED, out);
        varint(content.length(), out);
        out.append(content);
    }

    /** A length-delimited field holding {@code content[from, length)}. */
    static void bytesField(int field, byte[] content, int from, int length, ByteBuilder out) {
        tag(field, LENGTH_DELIMITED, out);
        varint(length, out);
        out.append(content, from, length);
    }
}
