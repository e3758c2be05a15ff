package dev.spool.collector;

import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.LogEvent;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.Map;

/**
 * One client connection's side of the protocol (docs/protocol.md): the handshake with version and token,
 * then event lines numbered from 1, handed to the {@link Intake}; acknowledgements once the intake made
 * them durable; refusals with their error line; the timeouts. It sees bytes in and writes lines out, and
 * knows nothing of selectors: the server reads for it, and after each call makes the selector follow
 * {@link #reading()}, {@link #writing()} and {@link #closed()}. Not thread-safe: the server thread owns it.
 */
final class Session implements LineFraming.Lines {

    /** A handshake is one short JSON object; more is not a handshake. */
    static final int MAX_HANDSHAKE_BYTES = 4 * 1024;

    private final WritableByteChannel channel;
    private final boolean tcp;
    private final Intake intake;
    private final LineFraming framing = new LineFraming();
    private final OutputQueue out;
    private final long openedNanos;
    private long lastReadNanos;
    private boolean handshaken;
    /**
     * Event lines handled (written, duplicate or rejected), and how many of them the intake made durable
     * (acknowledged, unless the session closed first): lines await their acknowledgement while the first is larger.
     */
    private long linesHandled;
    private long linesAcked;
    private long lastRoundLines;
    private boolean reading = true;
    private boolean closeAfterWrite;
    private boolean closed;

    /** A session on {@code channel}, which must be non-blocking; a TCP client needs the token if there is one. */
    Session(WritableByteChannel channel, boolean tcp, long nowNanos, Intake intake) {
        this.channel = channel;
        this.tcp = tcp;
        this.intake = intake;
        this.out = new OutputQueue(channel);
        this.openedNanos = nowNanos;
        this.lastReadNanos = nowNanos;
    }

    /** Bytes the client sent. Nothing after a refusal counts. */
    void received(byte[] bytes, int count, long nowNanos) {
        lastReadNanos = nowNanos;
        if (closed || closeAfterWrite) {
            return;
        }
        if (!framing.feed(bytes, 0, count, nowNanos, this)) {
            refuse(Reject.TOO_LARGE, "a line is longer than " + maxLineBytes() + " bytes");
        }
    }

    /** The client closed its sending side: it is answered what it sent, then closed. */
    void endOfInput() {
        reading = false;
        closeAfterWrite = true;
        if (!awaitingAck() && !out.hasPending()) {
            close();
        }
    }

    /** The channel takes bytes again: sends what waits, and closes once a last answer is out. */
    void writable() {
        if (!out.hasPending()) {
            return;
        }
        try {
            if (out.writePending() && closeAfterWrite) {
                close();
            }
        } catch (IOException e) {
            close(); // the peer went away or reset: nothing to tell it
        }
    }

    /**
     * Acknowledges the event lines up to {@code upTo} (a {@link #linesHandled()} of earlier): the intake made
     * them durable. Lines handled after it still wait for theirs.
     */
    void acknowledge(long upTo) {
        if (upTo <= linesAcked) {
            return;
        }
        long newlyAcked = upTo - linesAcked;
        linesAcked = upTo;
        if (!closed) {
            intake.counters().acknowledged(newlyAcked);
            respond(Protocol.ackLine(linesAcked));
        }
    }

    /** Event lines handled so far (written, dropped as duplicates or answered with an error), from 1. */
    long linesHandled() {
        return linesHandled;
    }

    /** The server puts this session's lines into a round: returns how many it then acknowledges. */
    long beginRound() {
        lastRoundLines = linesHandled;
        return linesHandled;
    }

    /** {@link #linesHandled()} when the last round with this session began: fewer means lines for the next. */
    long lastRoundLines() {
        return lastRoundLines;
    }

    /** Refuses the client if it is too slow to say hello, to finish a line or to send anything at all. */
    void sweep(long nowNanos) {
        CollectorConfig config = intake.config();
        Duration idle = config.idleTimeout();
        if (!handshaken && !closeAfterWrite && nowNanos - openedNanos > config.handshakeTimeout().toNanos()) {
            refuse(Reject.IDLE_TIMEOUT, "no handshake within " + config.handshakeTimeout());
        } else if (framing.pendingBytes() > 0 && nowNanos - framing.pendingSinceNanos() > config.lineTimeout().toNanos()) {
            refuse(Reject.SLOW_LINE, "a line did not arrive within " + config.lineTimeout());
        } else if (nowNanos - lastReadNanos > idle.toNanos() && !awaitingAck()) {
            refuse(Reject.IDLE_TIMEOUT, "nothing received for " + idle);
        }
        if (!closed && closeAfterWrite && nowNanos - lastReadNanos > idle.toNanos() * 2) {
            close(); // a refused client that does not read its refusal
        }
    }

    /** Closes the channel; idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }

    /** Whether more bytes from the client are wanted. */
    boolean reading() {
        return reading && !closed;
    }

    /** Whether answers wait for the channel to take them. */
    boolean writing() {
        return out.hasPending() && !closed;
    }

    boolean closed() {
        return closed;
    }

    /** Whether event lines were handled since the last acknowledgement. */
    boolean awaitingAck() {
        return linesHandled > linesAcked;
    }

    @Override
    public int maxLineBytes() {
        return handshaken ? intake.config().maxEventBytes() : MAX_HANDSHAKE_BYTES;
    }

    @Override
    public boolean line(byte[] bytes, int offset, int length) {
        if (handshaken) {
            event(bytes, offset, length);
        } else {
            handshake(bytes, offset, length);
        }
        return !closed && !closeAfterWrite;
    }

    private void handshake(byte[] bytes, int offset, int length) {
        Map<String, Object> hello;
        try {
            hello = JsonEventReader.readObject(bytes, offset, length);
        } catch (IllegalArgumentException e) {
            refuse(Reject.BAD_HANDSHAKE, "the first line must be a handshake such as {\"spool\":1}: " + e.getMessage());
            return;
        }
        if (!Long.valueOf(Protocol.VERSION).equals(hello.get("spool"))) {
            refuse(Reject.BAD_HANDSHAKE, "unsupported protocol version " + hello.get("spool")
                    + "; this collector speaks " + Protocol.VERSION);
        } else if (tcp && !intake.admits(hello.get("token"))) {
            refuse(Reject.BAD_TOKEN, "missing or wrong token");
        } else if (Boolean.TRUE.equals(hello.get("status"))) {
            closeAfterWrite = true;
            respond(intake.statusLine());
        } else {
            handshaken = true;
            respond(Protocol.welcomeLine(intake.config().maxEventBytes()));
        }
    }

    private void event(byte[] bytes, int offset, int length) {
        linesHandled++;
        LogEvent event;
        try {
            event = intake.read(bytes, offset, length);
        } catch (RuntimeException e) { // IllegalArgumentException mostly; any failure to read is the line's
            intake.refused(Reject.MALFORMED);
            respond(Protocol.errorLine(Reject.MALFORMED.label(), linesHandled, String.valueOf(e.getMessage())));
            return;
        }
        intake.ingest(event);
    }

    private void refuse(Reject reason, String detail) {
        if (reason == Reject.TOO_LARGE) {
            intake.refused(reason); // a line: one event refused
        } else {
            intake.counters().refused(reason); // a connection: no event
        }
        closeAfterWrite = true;
        reading = false; // nothing more is read from it
        respond(Protocol.errorLine(reason.label(), handshaken ? linesHandled + 1 : 0, detail));
    }

    private void respond(byte[] line) {
        if (closed) {
            return;
        }
        try {
            if (!out.send(line)) {
                intake.counters().refused(Reject.NOT_READING);
                close();
            } else if (!out.hasPending() && closeAfterWrite) {
                close();
            }
        } catch (IOException e) {
            close();
        }
    }
}
