package dev.spool.collector;

import dev.spool.forward.CollectorAddress;
import dev.spool.spi.Ingress;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The collector's network side: one thread, one selector, every connection non-blocking.
 *
 * <pre>
 *  Acceptor ─> Session: LineFraming ─> handshake, event lines ─> Intake: JsonEventReader ─> de-dup ─> pipeline
 *                 │                                                                                    │
 *                 └─ OutputQueue <── {"ack":N} to every session that sent lines <── Intake.roundDurable() ─┘
 *                                                              (one pipeline flush per round, one in flight)
 * </pre>
 *
 * <p>Each round reads what every ready connection has sent (at most one buffer each, for fairness) and
 * hands it to the connection's session. Then the round's events go to the pipeline's writer with a flush
 * request, and while it writes them the thread reads the next round: it acknowledges a round once its
 * flush has happened, each session up to the lines it had handled when the round began, and waits for
 * that flush only when nothing else is ready to read. So reading and writing overlap instead of taking
 * turns, and one round is in flight at a time. After each step on a session the selector is made to
 * follow what the session wants (read, write, or be forgotten once closed).
 */
final class Server {

    /**
     * One read per ready connection per round, so this bounds a round's events (and the time other
     * connections wait) and sets how many events share one pipeline flush and one acknowledgement.
     */
    private static final int READ_BUFFER_BYTES = 256 * 1024;
    private static final long TICK_MILLIS = 100;

    private final Intake intake;
    private final Counters counters;
    private final Selector selector;
    private final Acceptor acceptor;
    private final Map<Session, SelectionKey> sessions = new HashMap<>();
    /** Sessions that handled lines since the last round began. */
    private final List<Session> toAck = new ArrayList<>();
    /** The round in flight: its sessions, and how many lines of each it acknowledges. */
    private final List<Session> roundSessions = new ArrayList<>();
    private long[] roundLines = new long[16];
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final Thread thread;
    private final SpillAdopter adopter;
    private volatile boolean running = true;
    private long lastSweepNanos;

    private Server(Intake intake, Selector selector, Acceptor acceptor) {
        this.intake = intake;
        this.counters = intake.counters();
        this.selector = selector;
        this.acceptor = acceptor;
        this.adopter = intake.config().spillDir() == null ? null : new SpillAdopter(intake.config().spillDir(), intake);
        intake.adopter(adopter);
        this.thread = DaemonThreads.named("spool-collector").newThread(this::run);
    }

    /** Binds every address and starts the server thread. */
    static Server start(CollectorConfig config, Ingress pipeline, DedupWindow dedup) throws IOException {
        Counters counters = new Counters();
        Selector selector = Selector.open();
        Acceptor acceptor;
        try {
            acceptor = Acceptor.open(config, selector, counters);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        Server server = new Server(new Intake(config, pipeline, dedup, counters), selector, acceptor);
        server.thread.start();
        return server;
    }

    List<CollectorAddress> addresses() {
        return acceptor.addresses();
    }

    /** Stops accepting, acknowledges what was written, closes every connection; waits for the thread. */
    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CollectorStats stats() {
        return counters.snapshot();
    }

    private void run() {
        try {
            while (running) {
                // With a round in flight, only look: the thread reads on while the writer writes that round.
                boolean look = intake.roundInFlight() && !intake.roundHeldBack(); // held back: look at each tick
                int ready = look ? selector.selectNow() : selector.select(TICK_MILLIS);
                long now = System.nanoTime();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key, now);
                }
                acknowledge(look && ready == 0); // nothing to read: wait for the round's flush
                if (adopter != null) {
                    adopter.round(now);
                }
                intake.ledgersIfDue(now);
                if (now - lastSweepNanos >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                    sweep(now);
                    lastSweepNanos = now;
                }
            }
            acknowledgeAll(); // what was written before the stop is acknowledged, as far as sockets take it
            if (adopter != null) {
                adopter.close();
            }
            intake.finalLedgers();
        } catch (IOException | RuntimeException e) {
            Diagnostics.warn("collector.loop", "collector stopped after an unexpected error", e);
        } finally {
            closeEverything();
        }
    }

    private void handle(SelectionKey key, long now) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll(key, now);
            return;
        }
        Session s = (Session) key.attachment();
        if (key.isWritable()) {
            s.writable();
        }
        if (!s.closed() && key.isReadable()) {
            read(s, (SocketChannel) key.channel(), now);
        }
        settle(s, key);
    }

    private void read(Session s, SocketChannel channel, long now) {
        readBuffer.clear();
        int n;
        try {
            n = channel.read(readBuffer);
        } catch (IOException e) {
            s.close(); // the peer went away or reset: nothing to tell it
            return;
        }
        if (n < 0) {
            s.endOfInput();
            return;
        }
        long before = s.linesHandled();
        s.received(readBuffer.array(), n, now);
        if (s.linesHandled() > before && s.lastRoundLines() == before) {
            toAck.add(s); // its first lines since the last round began: the session goes in the next one
        }
    }

    /** At stop: the round in flight and the last one, waiting up to the acknowledgement timeout for each. */
    private void acknowledgeAll() {
        long deadline = System.nanoTime() + Intake.ACK_FLUSH_TIMEOUT.toNanos();
        while ((intake.roundInFlight() || !toAck.isEmpty()) && !intake.roundHeldBack()
                && deadline - System.nanoTime() > 0) {
            acknowledge(true);
        }
    }

    private void acceptAll(SelectionKey key, long now) {
        boolean tcp = Acceptor.isTcp(key);
        SocketChannel channel;
        while ((channel = acceptor.accept(key, sessions.size())) != null) {
            Session s = new Session(channel, tcp, now, intake);
            try {
                sessions.put(s, channel.register(selector, SelectionKey.OP_READ, s));
            } catch (IOException e) {
                s.close();
            }
            counters.open(sessions.size());
        }
    }

    /**
     * Acknowledges the round in flight if the pipeline made it durable, then begins the next round with
     * the lines handled since, if there are any.
     *
     * @param wait whether to wait for the round's flush, rather than only look
     */
    private void acknowledge(boolean wait) {
        if (intake.roundInFlight()) {
            if (!intake.roundDurable(wait)) {
                return;
            }
            for (int i = 0; i < roundSessions.size(); i++) {
                Session s = roundSessions.get(i);
                s.acknowledge(roundLines[i]);
                SelectionKey key = sessions.get(s);
                if (key != null) {
                    settle(s, key);
                }
            }
            roundSessions.clear();
        }
        if (toAck.isEmpty()) {
            return;
        }
        if (roundLines.length < toAck.size()) {
            roundLines = new long[Math.max(toAck.size(), roundLines.length * 2)];
        }
        for (int i = 0; i < toAck.size(); i++) {
            Session s = toAck.get(i);
            roundSessions.add(s);
            roundLines[i] = s.beginRound();
        }
        toAck.clear();
        intake.startRound();
    }

    private void sweep(long now) {
        for (Iterator<Map.Entry<Session, SelectionKey>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Session, SelectionKey> e = it.next();
            e.getKey().sweep(now);
            if (e.getKey().closed()) {
                it.remove();
            } else {
                follow(e.getKey(), e.getValue());
            }
        }
        counters.open(sessions.size());
    }

    /** Forgets a closed session; otherwise makes the selector watch for what it wants. */
    private void settle(Session s, SelectionKey key) {
        if (s.closed()) {
            sessions.remove(s);
            counters.open(sessions.size());
        } else {
            follow(s, key);
        }
    }

    private static void follow(Session s, SelectionKey key) {
        int ops = (s.reading() ? SelectionKey.OP_READ : 0) | (s.writing() ? SelectionKey.OP_WRITE : 0);
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void closeEverything() {
        for (Session s : sessions.keySet()) {
            s.close();
        }
        sessions.clear();
        counters.open(0);
        acceptor.close();
        try {
            selector.close();
        } catch (IOException ignored) {
            // the thread is ending
        }
    }
}
