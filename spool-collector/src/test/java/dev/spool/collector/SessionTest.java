package dev.spool.collector;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.spi.Ingress;
import dev.spool.testkit.CapturingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection's protocol, without sockets: bytes go in through {@link Session#received}, answers come
 * out of a pipe, events go through a real pipeline into a capturing sink.
 */
class SessionTest {

    private static final String WELCOME = "{\"spool\":1,\"ok\":true,\"max_event_bytes\":1048576}";
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final CapturingSink sink = new CapturingSink();
    private final Ingress pipeline = Ingress.start(SpoolConfig.builder().name("session-test").shutdownHook(false)
            .jmx(false).destination("capture", sink.factory()).route("root", "", Level.TRACE, "capture").build());
    private final Counters counters = new Counters();
    /** Each session writes into a pipe of its own (it closes its channel when it ends); read from the other end. */
    private final Map<Session, Pipe> pipes = new HashMap<>();
    private Intake intake = intake(b -> b);

    @AfterEach
    void close() throws IOException {
        pipeline.shutdown(Duration.ofSeconds(5));
        for (Pipe pipe : pipes.values()) {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    private Intake intake(UnaryOperator<CollectorConfig.Builder> settings) {
        CollectorConfig config = settings.apply(CollectorConfig.builder(pipeline.config())
                .listen("tcp://127.0.0.1:0")).build();
        return new Intake(config, pipeline, new DedupWindow(1024), counters);
    }

    private Session tcpSession(long nowNanos) throws IOException {
        return session(true, nowNanos);
    }

    private Session session(boolean tcp, long nowNanos) throws IOException {
        Pipe pipe = Pipe.open();
        pipe.sink().configureBlocking(false);
        pipe.source().configureBlocking(false);
        Session session = new Session(pipe.sink(), tcp, nowNanos, intake);
        pipes.put(session, pipe);
        return session;
    }

    private static void send(Session session, String text) {
        send(session, text, 0);
    }

    private static void send(Session session, String text, long nowNanos) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        session.received(bytes, bytes.length, nowNanos);
    }

    private Session handshaken() throws IOException {
        Session session = tcpSession(0);
        send(session, "{\"spool\":1}\n");
        assertThat(answers(session)).containsExactly(WELCOME);
        return session;
    }

    /** The lines {@code session} has written so far and not yet read here. */
    private List<String> answers(Session session) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (pipes.get(session).source().read(buffer.clear()) > 0) {
            got.write(buffer.array(), 0, buffer.position());
        }
        String text = got.toString(StandardCharsets.UTF_8);
        assertThat(text).matches("(?s)(.*\n)?");
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private List<String> written() {
        assertThat(pipeline.flush(Duration.ofSeconds(10))).isTrue();
        return sink.events().stream().map(CapturingSink.Captured::message).toList();
    }

    private long rejected(String reason) {
        return counters.snapshot().rejected().get(reason);
    }

    @Nested
    class Handshake {

        @Test
        void welcomesVersionOneWithTheEventSizeLimit() throws IOException {
            Session session = handshaken();
            assertThat(session.reading()).isTrue();
            assertThat(session.closed()).isFalse();
        }

        @Test
        void refusesAnotherVersionAndCloses() throws IOException {
            Session session = tcpSession(0);
            send(session, "{\"spool\":2}\n");
            assertThat(answers(session)).containsExactly(
                    "{\"error\":\"bad_handshake\",\"detail\":\"unsupported protocol version 2; this collector speaks 1\"}");
            assertThat(session.closed()).isTrue();
            assertThat(rejected("bad_handshake")).isEqualTo(1);
        }

        @Test
        void refusesAFirstLineThatIsNotAJsonObject() throws IOException {
            Session session = tcpSession(0);
            send(session, "GET / HTTP/1.1\r\n");
            assertThat(answers(session)).singleElement().asString().startsWith(
                    "{\"error\":\"bad_handshake\",\"detail\":\"the first line must be a handshake such as {\\\"spool\\\":1}: ");
            assertThat(session.closed()).isTrue();
        }

        @Test
        void refusesAHandshakeLongerThanFourKibibytes() throws IOException {
            Session session = tcpSession(0);
            send(session, "{\"spool\":1,\"pad\":\"" + "x".repeat(5000));
            assertThat(answers(session)).containsExactly(
                    "{\"error\":\"too_large\",\"detail\":\"a line is longer than 4096 bytes\"}");
            assertThat(session.closed()).isTrue();
        }

        @Test
        void asksATcpClientForTheTokenAndTrustsAUnixClient() throws IOException {
            intake = intake(b -> b.token("s3cret"));
            for (String hello : List.of("{\"spool\":1}", "{\"spool\":1,\"token\":\"guess\"}", "{\"spool\":1,\"token\":7}")) {
                Session session = tcpSession(0);
                send(session, hello + "\n");
                assertThat(answers(session)).containsExactly("{\"error\":\"bad_token\",\"detail\":\"missing or wrong token\"}");
                assertThat(session.closed()).isTrue();
            }
            Session withToken = tcpSession(0);
            send(withToken, "{\"spool\":1,\"token\":\"s3cret\"}\n");
            assertThat(answers(withToken)).containsExactly(WELCOME);
            Session unix = session(false, 0);
            send(unix, "{\"spool\":1}\n");
            assertThat(answers(unix)).containsExactly(WELCOME);
            assertThat(rejected("bad_token")).isEqualTo(3);
        }

        @Test
        void answersAStatusRequestWithTheCountersAndCloses() throws IOException {
            Session session = tcpSession(0);
            send(session, "{\"spool\":1,\"status\":true}\n" + Events.line("ignored") + "\n");
            assertThat(answers(session)).singleElement().asString()
                    .startsWith("{\"spool\":1,\"status\":{\"connections\":0,\"connections_total\":0,\"events_in\":0,");
            assertThat(session.closed()).isTrue();
            assertThat(written()).isEmpty();
        }

        @Test
        void ignoresEverythingSentAfterARefusedHandshake() throws IOException {
            Session session = tcpSession(0);
            send(session, "{\"spool\":9}\n" + Events.line("a") + "\n");
            send(session, Events.line("b") + "\n");
            assertThat(answers(session)).hasSize(1);
            assertThat(written()).isEmpty();
            assertThat(counters.snapshot().eventsIn()).isZero();
        }
    }

    @Nested
    class EventsAndAcknowledgements {

        @Test
        void handsEventsToThePipelineAndAcknowledgesThemTogetherWhenAsked() throws IOException {
            Session session = handshaken();
            send(session, Events.line("a") + "\n" + Events.line("b") + "\n" + Events.line("c") + "\n");
            assertThat(session.awaitingAck()).isTrue();
            assertThat(answers(session)).isEmpty();
            assertThat(intake.durable()).isTrue();
            session.acknowledge(session.linesHandled());
            assertThat(answers(session)).containsExactly("{\"ack\":3}");
            assertThat(session.awaitingAck()).isFalse();
            assertThat(written()).containsExactly("a", "b", "c");
            CollectorStats stats = counters.snapshot();
            assertThat(List.of(stats.eventsIn(), stats.eventsWritten(), stats.eventsAcked())).containsOnly(3L);
        }

        @Test
        void numbersLinesFromOneAndAnswersAMalformedLineWithoutClosing() throws IOException {
            Session session = handshaken();
            send(session, Events.line("a") + "\n{\"v\":1,\"level\":\"INFO\"}\n" + Events.line("c") + "\n");
            session.acknowledge(session.linesHandled());
            List<String> answers = answers(session);
            assertThat(answers).hasSize(2);
            assertThat(answers.get(0)).startsWith("{\"error\":\"malformed\",\"line\":2,\"detail\":\"");
            assertThat(answers.get(1)).isEqualTo("{\"ack\":3}");
            assertThat(session.reading()).isTrue();
            assertThat(written()).containsExactly("a", "c");
            assertThat(rejected("malformed")).isEqualTo(1);
        }

        @Test
        void dropsAResentEventAsADuplicateAndStillAcknowledgesIt() throws IOException {
            Session session = handshaken();
            String line = Events.line("once");
            send(session, line + "\n" + line + "\n");
            session.acknowledge(session.linesHandled());
            assertThat(answers(session)).containsExactly("{\"ack\":2}");
            assertThat(written()).containsExactly("once");
            assertThat(counters.snapshot().duplicates()).isEqualTo(1);
        }

        @Test
        void acknowledgesCumulativelyAndCountsEachLineOnce() throws IOException {
            Session session = handshaken();
            send(session, Events.line("a") + "\n" + Events.line("b") + "\n");
            session.acknowledge(session.linesHandled());
            send(session, Events.line("c") + "\n");
            session.acknowledge(session.linesHandled());
            assertThat(answers(session)).containsExactly("{\"ack\":2}", "{\"ack\":3}");
            assertThat(counters.snapshot().eventsAcked()).isEqualTo(3);
        }

        @Test
        void acknowledgesOnlyTheLinesOfItsRoundAndKeepsWaitingForTheRest() throws IOException {
            Session session = handshaken();
            send(session, Events.line("a") + "\n" + Events.line("b") + "\n");
            long round = session.beginRound();
            send(session, Events.line("c") + "\n"); // read while the round is written
            assertThat(session.lastRoundLines()).isEqualTo(2);
            assertThat(intake.durable()).isTrue();

            session.acknowledge(round);
            assertThat(answers(session)).containsExactly("{\"ack\":2}");
            assertThat(session.awaitingAck()).as("line 3 is not acknowledged yet").isTrue();
            assertThat(counters.snapshot().eventsAcked()).isEqualTo(2);

            session.acknowledge(round); // an old round again: nothing more to say
            assertThat(answers(session)).isEmpty();
            session.acknowledge(session.beginRound());
            assertThat(answers(session)).containsExactly("{\"ack\":3}");
            assertThat(session.awaitingAck()).isFalse();
            assertThat(counters.snapshot().eventsAcked()).isEqualTo(3);
        }

        @Test
        void refusesALineOverTheEventLimitNamingItsNumberAndCloses() throws IOException {
            intake = intake(b -> b.maxEventBytes(1024));
            Session session = tcpSession(0);
            send(session, "{\"spool\":1}\n" + Events.line("a") + "\n" + "x".repeat(1025) + "\n" + Events.line("never") + "\n");
            assertThat(answers(session)).containsExactly("{\"spool\":1,\"ok\":true,\"max_event_bytes\":1024}",
                    "{\"error\":\"too_large\",\"line\":2,\"detail\":\"a line is longer than 1024 bytes\"}");
            assertThat(session.closed()).isTrue();
            assertThat(written()).containsExactly("a");
        }

        @Test
        void closesAClientThatLeavesAMebibyteOfAnswersUnread() throws IOException {
            Session session = handshaken();
            String malformed = "{}\n".repeat(30_000); // each answered with an error line of about 60 bytes
            send(session, malformed);
            assertThat(session.closed()).isTrue();
            assertThat(rejected("not_reading")).isEqualTo(1);
            assertThat(counters.snapshot().eventsIn()).isZero();
        }
    }

    @Nested
    class EndOfInput {

        @Test
        void answersWhatTheClientSentBeforeClosingItsSideThenCloses() throws IOException {
            Session session = handshaken();
            send(session, Events.line("a") + "\n" + Events.line("b") + "\n");
            session.endOfInput();
            assertThat(session.closed()).isFalse();
            assertThat(session.reading()).isFalse();
            session.acknowledge(session.linesHandled());
            assertThat(answers(session)).containsExactly("{\"ack\":2}");
            assertThat(session.closed()).isTrue();
        }

        @Test
        void closesAtOnceWhenNothingIsOwed() throws IOException {
            Session session = handshaken();
            session.endOfInput();
            assertThat(session.closed()).isTrue();
        }

        @Test
        void dropsALastLineWithoutLineFeedSilently() throws IOException {
            Session session = handshaken();
            send(session, Events.line("whole") + "\n{\"v\":1,\"level\":\"INF");
            session.endOfInput();
            session.acknowledge(session.linesHandled());
            assertThat(answers(session)).containsExactly("{\"ack\":1}");
            assertThat(written()).containsExactly("whole");
            assertThat(counters.snapshot().rejectedTotal()).isZero();
        }
    }

    @Nested
    class Timeouts {

        @Test
        void refusesAClientThatDoesNotSayHelloInTime() throws IOException {
            Session session = tcpSession(0);
            session.sweep(10 * SECOND);
            assertThat(answers(session)).isEmpty();
            session.sweep(10 * SECOND + 1);
            assertThat(answers(session)).containsExactly("{\"error\":\"idle_timeout\",\"detail\":\"no handshake within PT10S\"}");
            assertThat(session.closed()).isTrue();
        }

        @Test
        void refusesALineThatTakesLongerThanTheLineTimeout() throws IOException {
            Session session = handshaken();
            send(session, Events.line("a") + "\n{\"v\":1,", SECOND);
            session.acknowledge(session.linesHandled());
            session.sweep(31 * SECOND);
            assertThat(answers(session)).containsExactly("{\"ack\":1}");
            session.sweep(31 * SECOND + 1);
            assertThat(answers(session)).containsExactly(
                    "{\"error\":\"slow_line\",\"line\":2,\"detail\":\"a line did not arrive within PT30S\"}");
            assertThat(rejected("slow_line")).isEqualTo(1);
        }

        @Test
        void refusesAnIdleClientButNotOneWaitingForItsAcknowledgement() throws IOException {
            Session session = handshaken();
            send(session, Events.line("a") + "\n", SECOND);
            long idle = Duration.ofMinutes(5).toNanos();
            session.sweep(SECOND + idle + 1);
            assertThat(answers(session)).isEmpty();
            session.acknowledge(session.linesHandled());
            session.sweep(SECOND + idle + 1);
            assertThat(answers(session)).containsExactly("{\"ack\":1}",
                    "{\"error\":\"idle_timeout\",\"line\":2,\"detail\":\"nothing received for PT5M\"}");
            assertThat(session.closed()).isTrue();
        }
    }
}
