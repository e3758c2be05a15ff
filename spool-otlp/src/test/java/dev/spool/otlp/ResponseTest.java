package dev.spool.otlp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseTest {

    @Test
    void retriesOnlyWhatOtlpSaysIsRetryable() {
        assertThat(Response.retryable(429)).isTrue();
        assertThat(Response.retryable(502)).isTrue();
        assertThat(Response.retryable(503)).isTrue();
        assertThat(Response.retryable(504)).isTrue();
        assertThat(Response.retryable(400)).isFalse();
        assertThat(Response.retryable(401)).isFalse();
        assertThat(Response.retryable(413)).isFalse();
        assertThat(Response.retryable(500)).isFalse();
    }

    @Test
    void readsRetryAfterInSecondsOrAsADateAndCapsIt() {
        assertThat(Response.retryAfterNanos("3")).isEqualTo(3_000_000_000L);
        assertThat(Response.retryAfterNanos("86400")).isEqualTo(Response.MAX_RETRY_AFTER.toNanos());
        assertThat(Response.retryAfterNanos(null)).isEqualTo(-1);
        assertThat(Response.retryAfterNanos("soon")).isEqualTo(-1);
        assertThat(Response.retryAfterNanos("-5")).isEqualTo(-1);
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(Response.retryAfterNanos(inAMinute)).isBetween(50_000_000_000L, 61_000_000_000L);
    }

    @Test
    void readsPartialSuccessInBothEncodings() {
        StringBuilder message = new StringBuilder();
        byte[] protobuf = {0x0A, 0x0B, 0x08, 0x03, 0x12, 0x07, 't', 'o', 'o', ' ', 'o', 'l', 'd'};
        assertThat(Response.rejectedRecords(protobuf, protobuf.length, false, message)).isEqualTo(3);
        assertThat(message).hasToString("too old");
        byte[] json = "{\"partialSuccess\":{\"rejectedLogRecords\":\"4\",\"errorMessage\":\"bad\"}}"
                .getBytes(StandardCharsets.UTF_8);
        message.setLength(0);
        assertThat(Response.rejectedRecords(json, json.length, true, message)).isEqualTo(4);
        assertThat(message).hasToString("bad");
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF};
        assertThat(Response.rejectedRecords(garbage, 2, false, new StringBuilder())).isZero();
        assertThat(Response.rejectedRecords(new byte[0], 0, true, new StringBuilder())).isZero();
    }
}
