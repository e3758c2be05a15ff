package dev.spool.collector;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code google.rpc.Status} in protobuf ({@code int32 code = 1; string message = 2}), the body of an OTLP
 * refusal.
 */
final class RpcStatus {

    private RpcStatus() {
    }

    /** The gRPC code matching an HTTP status: INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE, else UNIMPLEMENTED. */
    static int codeOf(int httpStatus) {
        switch (httpStatus) {
            case 400: case 413: case 415: return 3;
            case 404: return 5;
            case 503: return 14;
            default: return 12;
        }
    }

    static byte[] encode(int code, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 8);
        out.write(0x08);
        varint(code, out);
        out.write(0x12);
        varint(text.length, out);
        out.write(text, 0, text.length);
        return out.toByteArray();
    }

    private static void varint(long value, ByteArrayOutputStream out) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
