package dev.spool.collector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.spi.Ingress;
import dev.spool.spi.support.JsonReader;
import dev.spool.testkit.CapturingSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection's protocol on any bytes cut into any reads (docs/fuzzing.md): the collector never
 * throws, answers only with its own protocol lines (one JSON object each: the welcome, a status, an
 * {@code ack} or an {@code error} with a known reason), takes no event before a valid handshake with the
 * token, and acknowledges exactly the event lines it handled (read or refused as malformed).
 */
class SessionFuzzTest {

    private static final String TOKEN = "s3cret";
    private static final int MAX_EVENT_BYTES = 2048;
    private static final Set<String> ERRORS = Set.of("malformed", "too_large", "bad_handshake", "bad_token",
            "not_reading");
    /** One pipeline for every input: starting one per input would make the fuzzer measure thread starts. */
    private static final Ingress PIPELINE = Ingress.start(SpoolConfig.builder().name("session-fuzz")
            .shutdownHook(false).jmx(false).destination("capture", new CapturingSink().factory())
            .route("root", "", Level.TRACE, "capture").build());

    @FuzzTest
    void answersAnyBytesWithProtocolLinesOnly(FuzzedDataProvider data) throws IOException {
        boolean tcp = data.consumeBoolean();
        int[] cuts = data.consumeInts(6);
        byte[] sent = data.consumeRemainingAsBytes();
        Counters counters = new Counters();
        CollectorConfig config = CollectorConfig.builder(PIPELINE.config()).listen("tcp://127.0.0.1:0")
                .token(TOKEN).maxEventBytes(MAX_EVENT_BYTES).build();
        Intake intake = new Intake(config, PIPELINE, new DedupWindow(64), counters);
        Pipe pipe = Pipe.open();
        try {
            pipe.sink().configureBlocking(false);
            pipe.source().configureBlocking(false);
            Session session = new Session(pipe.sink(), tcp, 0, intake);
            int offset = 0;
            for (int i = 0; offset < sent.length; i++) {
                int count = i < cuts.length ? Math.floorMod(cuts[i], sent.length - offset + 1) : sent.length - offset;
                byte[] read = Arrays.copyOfRange(sent, offset, offset + count);
                session.received(read, count, i);
                offset += count;
            }
            if (session.awaitingAck()) {
                session.acknowledge(session.linesHandled());
            }
            List<Map<String, Object>> answers = answers(pipe, session);
            check(answers, counters.snapshot(), tcp, sent);
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    private static void check(List<Map<String, Object>> answers, CollectorStats stats, boolean tcp, byte[] sent) {
        boolean welcomed = !answers.isEmpty() && Boolean.TRUE.equals(answers.get(0).get("ok"));
        if (!welcomed) {
            assertThat(stats.eventsIn()).as("events taken without a welcome").isZero();
        }
        if (welcomed && tcp) {
            assertThat(new String(sent, StandardCharsets.ISO_8859_1)).as("a TCP client welcomed without the token")
                    .contains(TOKEN);
        }
        long malformed = stats.rejected().getOrDefault("malformed", 0L);
        long acked = -1;
        for (int i = 0; i < answers.size(); i++) {
            Map<String, Object> a = answers.get(i);
            if (a.containsKey("ack")) {
                assertThat(welcomed).isTrue();
                acked = (Long) a.get("ack");
            } else if (a.containsKey("error")) {
                assertThat((String) a.get("error")).isIn(ERRORS);
                assertThat(a.get("detail")).isInstanceOf(String.class);
            } else if (i == 0) {
                assertThat(a).containsKey("spool");
            } else {
                throw new AssertionError("an answer that is neither an ack nor an error after the first: " + a);
            }
        }
        if (acked >= 0) {
            assertThat(acked).as("acknowledged lines").isEqualTo(stats.eventsIn() + malformed);
        }
    }

    /** The lines the session wrote, each parsed as the JSON object it must be. */
    private static List<Map<String, Object>> answers(Pipe pipe, Session session) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (true) {
            int n = pipe.source().read(buffer.clear());
            if (n > 0) {
                got.write(buffer.array(), 0, n);
            } else if (session.writing()) {
                session.writable();
            } else {
                break;
            }
        }
        byte[] bytes = got.toByteArray();
        List<Map<String, Object>> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(JsonReader.readObject(bytes, start, i - start));
                start = i + 1;
            }
        }
        assertThat(start).as("the answers end with a line feed").isEqualTo(bytes.length);
        return lines;
    }
}
