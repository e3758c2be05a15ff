package dev.spool.collector;

import dev.spool.forward.CollectorAddress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;

/**
 * Opens the collector's listening sockets. A unix socket is bound under a temporary name, restricted to
 * its owner (0600) and only then renamed into place, so no other user can connect in between; a stale
 * socket file left by a crashed collector is replaced, a live one is an error.
 */
final class Listeners {

    private static final int BACKLOG = 1_024;

    private Listeners() {
    }

    static ServerSocketChannel open(CollectorAddress address) throws IOException {
        if (address.isTcp()) {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                // A restarted collector must get its port back while old connections sit in TIME_WAIT.
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(address.host(), address.port()), BACKLOG);
                return channel;
            } catch (IOException e) {
                channel.close();
                throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
        }
        return openUnix(address.path().toAbsolutePath());
    }

    /** The address actually bound (the chosen port when 0 was asked for). */
    static CollectorAddress bound(CollectorAddress asked, ServerSocketChannel channel) throws IOException {
        if (!asked.isTcp()) {
            return asked;
        }
        return CollectorAddress.tcp(asked.host(), ((InetSocketAddress) channel.getLocalAddress()).getPort());
    }

    private static ServerSocketChannel openUnix(Path path) throws IOException {
        removeStale(path);
        Path temporary = path.resolveSibling(path.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        Files.deleteIfExists(temporary);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temporary), BACKLOG);
            Files.setPosixFilePermissions(temporary,
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
            return channel;
        } catch (IOException | UnsupportedOperationException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            throw new IOException("cannot listen on unix:" + path + ": " + e.getMessage(), e);
        }
    }

    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path)) {
            throw new IOException("cannot listen on unix:" + path + ": a file or directory is in the way");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException("cannot listen on unix:" + path + ": another process is listening there");
        } catch (java.net.SocketException stale) {
            Files.deleteIfExists(path); // nobody answers: left behind by a process that died
        }
    }
}
