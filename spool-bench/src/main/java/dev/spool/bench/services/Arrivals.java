package dev.spool.bench.services;

import dev.spool.bench.check.Verdict;

import java.util.BitSet;

/**
 * Which of the events a suite sent arrived, by producer and sequence number: every event carries both in
 * its message ({@link #message}), and whatever the destination stored is scanned for them. Counts lost
 * events (never seen), duplicated ones (seen more than once) and lines that are not a benchmark event.
 * Not thread-safe.
 */
final class Arrivals {

    private static final String PRODUCER = "p=";
    private static final String SEQUENCE = " seq=";
    /** Spool's ledger records (docs/audit.md) travel with the events: not benchmark events. */
    private static final String LEDGER = "\"kind\":\"ledger\"";

    private final int firstProducer;
    private final long perProducer;
    private final BitSet[] seen;
    private long received;
    private long duplicated;
    private long malformed;
    private long ledgers;

    /** Expects sequence numbers 0 to {@code perProducer - 1} from producers {@code first} to {@code first + count - 1}. */
    Arrivals(int first, int count, long perProducer) {
        if (perProducer > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " events per producer");
        }
        this.firstProducer = first;
        this.perProducer = perProducer;
        this.seen = new BitSet[count];
        for (int i = 0; i < count; i++) {
            seen[i] = new BitSet((int) perProducer);
        }
    }

    /** The message of event {@code seq} of producer {@code p}, as every suite sends it. */
    static String message(int p, long seq) {
        return "svc " + PRODUCER + p + SEQUENCE + seq;
    }

    /** The logging pattern that formats to {@link #message}. */
    static final String PATTERN = "svc " + PRODUCER + "{}" + SEQUENCE + "{}";

    /**
     * Finds the producer and sequence number in {@code text} (a whole stored line or message) and records
     * them; returns false, counting the text malformed, when it holds none. Events of producers outside
     * this range are ignored (another measurement into the same receiver), and so are Spool's ledger records.
     */
    boolean scan(CharSequence text) {
        if (indexOf(text, LEDGER, 0) >= 0) {
            ledgers++;
            return true;
        }
        int p = indexOf(text, PRODUCER, 0);
        int s = p < 0 ? -1 : indexOf(text, SEQUENCE, p);
        if (p < 0 || s < 0) {
            malformed++;
            return false;
        }
        long producer = number(text, p + PRODUCER.length());
        long seq = number(text, s + SEQUENCE.length());
        if (producer < 0 || seq < 0) {
            malformed++;
            return false;
        }
        int slot = (int) (producer - firstProducer);
        if (slot < 0 || slot >= seen.length) {
            return true;
        }
        record(slot, seq);
        return true;
    }

    private void record(int slot, long seq) {
        received++;
        if (seq >= perProducer) {
            malformed++;
        } else if (seen[slot].get((int) seq)) {
            duplicated++;
        } else {
            seen[slot].set((int) seq);
        }
    }

    /** Ledger records seen (and not counted as events). */
    long ledgers() {
        return ledgers;
    }

    long expected() {
        return perProducer * seen.length;
    }

    long lost() {
        long found = 0;
        for (BitSet s : seen) {
            found += s.cardinality();
        }
        return expected() - found;
    }

    /** The verdict in the harness's terms: OK, or LOST / DUPLICATED / MALFORMED with counts. */
    Verdict verdict() {
        return new Verdict(expected(), received, 0, malformed, lost(), duplicated, 0);
    }

    private static int indexOf(CharSequence text, String what, int from) {
        if (text instanceof String) {
            return ((String) text).indexOf(what, from);
        }
        outer:
        for (int i = from; i <= text.length() - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (text.charAt(i + j) != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The decimal number starting at {@code at}, or -1 if there is none. */
    private static long number(CharSequence text, int at) {
        long n = 0;
        int i = at;
        while (i < text.length() && i - at < 18 && Character.isDigit(text.charAt(i))) {
            n = n * 10 + (text.charAt(i) - '0');
            i++;
        }
        return i == at ? -1 : n;
    }
}
