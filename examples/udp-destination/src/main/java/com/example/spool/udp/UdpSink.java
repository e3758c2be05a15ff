package com.example.spool.udp;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * Sends each event as one datagram. {@link #write} only formats into memory; {@link #flush} sends the
 * batch. Called by the pipeline's writer thread only, so it needs no locks.
 */
final class UdpSink implements Sink {

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final int maxDatagramBytes;
    private final Format format;
    private final ByteBuilder batch = new ByteBuilder(64 * 1024);
    private int[] ends = new int[256];
    private int count;

    UdpSink(InetSocketAddress target, int maxDatagramBytes, Format format) throws IOException {
        this.channel = DatagramChannel.open();
        this.target = target;
        this.maxDatagramBytes = maxDatagramBytes;
        this.format = format;
    }

    /** An event too big for one datagram is refused: the pipeline counts it as failed and says why. */
    @Override
    public void write(LogEvent event) throws IOException {
        int start = batch.length();
        format.format(event, batch);
        if (batch.length() - start > maxDatagramBytes) {
            int size = batch.length() - start;
            batch.truncate(start);
            throw new IOException("event of " + size + " bytes is larger than maxDatagramBytes ("
                    + maxDatagramBytes + "); not sent");
        }
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
        }
        ends[count++] = batch.length();
    }

    /** UDP keeps nothing to retry: what the network drops is gone, which is why this is an example. */
    @Override
    public void flush() throws IOException {
        try {
            int start = 0;
            for (int i = 0; i < count; i++) {
                channel.send(ByteBuffer.wrap(batch.array(), start, ends[i] - start), target);
                start = ends[i];
            }
        } finally {
            batch.clear();
            count = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
