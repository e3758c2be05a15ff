package dev.spool.collector.otlp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format from a byte range, refusing what does not fit: a length that claims more
 * bytes than remain in its enclosing message (checked before anything is allocated), a varint longer than
 * ten bytes, the deprecated group wire types, strings that are not valid UTF-8. Every refusal is an
 * {@link IllegalArgumentException} naming what was being read. Not thread-safe.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;

    ProtoReader(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.pos = offset;
    }

    int position() {
        return pos;
    }

    void position(int position) {
        pos = position;
    }

    /** The next tag (field number and wire type), checked against {@code end}. */
    long tag(int end, String what) {
        long tag = varint(end, what);
        int wireType = (int) (tag & 7);
        if (tag >>> 3 == 0 || wireType == 3 || wireType == 4 || wireType > 5) {
            throw new IllegalArgumentException("bad tag " + tag + " in " + what + " at byte " + pos);
        }
        return tag;
    }

    long varint(int end, String what) {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw truncated(what);
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes in " + what + " at byte " + pos);
    }

    long fixed64(int end, String what) {
        if (end - pos < 8) {
            throw truncated(what);
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    int fixed32(int end, String what) {
        if (end - pos < 4) {
            throw truncated(what);
        }
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (bytes[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    /** Reads a length prefix and returns where the field ends; the length must fit within {@code end}. */
    int lengthEnd(int end, String what) {
        long length = varint(end, what);
        if (length < 0 || length > end - pos) {
            throw new IllegalArgumentException(what + " claims " + Long.toUnsignedString(length) + " bytes but "
                    + (end - pos) + " remain in its message (truncated or corrupt)");
        }
        return pos + (int) length;
    }

    String string(int end, String what) {
        int stop = lengthEnd(end, what);
        if (isAscii(stop)) {
            // Most attribute keys and values: the JDK's ASCII copy, instead of the checking decoder's slow loop
            // (the top of a profile of the receiver).
            String ascii = new String(bytes, pos, stop - pos, StandardCharsets.ISO_8859_1);
            pos = stop;
            return ascii;
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, pos, stop - pos));
            pos = stop;
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid UTF-8 in " + what + " at byte " + pos);
        }
    }

    private boolean isAscii(int stop) {
        for (int i = pos; i < stop; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    byte[] bytes(int end, String what) {
        int stop = lengthEnd(end, what);
        byte[] copy = java.util.Arrays.copyOfRange(bytes, pos, stop);
        pos = stop;
        return copy;
    }

    /** Skips a field of an unknown number, as protobuf readers must. */
    void skip(long tag, int end, String what) {
        switch ((int) (tag & 7)) {
            case VARINT: varint(end, what); break;
            case FIXED64: fixed64(end, what); break;
            case FIXED32: fixed32(end, what); break;
            default: pos = lengthEnd(end, what);
        }
    }

    /** Checks that {@code tag} has {@code wireType}; protobuf readers must not guess another. */
    void expect(long tag, int wireType, String what) {
        if ((tag & 7) != wireType) {
            throw new IllegalArgumentException("wrong wire type " + (tag & 7) + " for " + what + " (expected "
                    + wireType + ") at byte " + pos);
        }
    }

    private IllegalArgumentException truncated(String what) {
        return new IllegalArgumentException("truncated " + what + " at byte " + pos);
    }
}
