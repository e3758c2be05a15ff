package dev.spool.collector.otlp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtoReaderTest {

    /** Length-delimited strings one after the other, as the reader's {@code string}/{@code key} read them. */
    private static byte[] strings(List<byte[]> contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            int n = c.length;
            while (n >= 0x80) {
                out.write((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            out.write(n);
            out.write(c, 0, c.length);
        }
        return out.toByteArray();
    }

    private static List<byte[]> utf8(List<String> texts) {
        return texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aRepeatedKeyIsTheSameStringAndEveryKeyReadsAsItsText() {
        // 300 different keys (more than the table has slots, so some share one) each read three times in turn.
        List<String> texts = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 300; i++) {
                texts.add("attr." + i);
            }
        }
        byte[] b = strings(utf8(texts));
        ProtoReader in = new ProtoReader(b, 0);
        List<String> read = new ArrayList<>();
        while (in.position() < b.length) {
            read.add(in.key(b.length, "key"));
        }
        assertThat(read).containsExactlyElementsOf(texts);

        byte[] same = strings(utf8(List.of("thread.name", "log.record.uid", "thread.name", "log.record.uid")));
        ProtoReader again = new ProtoReader(same, 0);
        String first = again.key(same.length, "key");
        String uid = again.key(same.length, "key");
        assertThat(again.key(same.length, "key")).isSameAs(first);
        assertThat(again.key(same.length, "key")).isSameAs(uid);
    }

    @Test
    void aKeyThatIsNotShortAsciiIsDecodedAsAnyStringAndBadUtf8IsRefused() {
        String longKey = "k".repeat(ProtoReader.KEPT_LENGTH + 1);
        List<String> texts = List.of("", "clé", "日本", longKey, "clé", longKey, "a\u0000b");
        byte[] b = strings(utf8(texts));
        ProtoReader in = new ProtoReader(b, 0);
        List<String> read = new ArrayList<>();
        while (in.position() < b.length) {
            read.add(in.key(b.length, "key"));
        }
        assertThat(read).containsExactlyElementsOf(texts);

        byte[] bad = strings(List.of(new byte[] {'a', (byte) 0xC3}));
        assertThatThrownBy(() -> new ProtoReader(bad, 0).key(bad.length, "attribute key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid UTF-8 in attribute key");
    }
}
