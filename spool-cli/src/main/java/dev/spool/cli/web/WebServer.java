package dev.spool.cli.web;

import com.sun.net.httpserver.HttpServer;
import dev.spool.cli.store.StoreFileWatch;
import dev.spool.store.LogStore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The web view and its JSON API over one store (docs/web.md), on the JDK's HTTP server with a small pool
 * of request threads. Read-only. The store is the caller's: closing the server does not close it.
 */
public final class WebServer implements AutoCloseable {

    /** Request threads: a page load makes a handful of requests at once, and the store serialises most of them anyway. */
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final StoreHandle store;
    private final URI uri;

    private WebServer(HttpServer server, ExecutorService executor, StoreHandle store) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /**
     * Serves the page and the API for {@code store} on {@code address} (port 0 picks a free one). The store
     * stays the caller's: it is neither reopened after a failure nor closed with the server.
     *
     * @param storeLabel where the store is, as {@code /api/health} and the page show it (no credentials)
     * @throws IOException when the address cannot be bound (in use, not local), saying which
     */
    public static WebServer start(LogStore store, String storeLabel, InetSocketAddress address) throws IOException {
        return start(StoreHandle.fixed(store), storeLabel, address);
    }

    /**
     * Opens a store with {@code opener} and serves it on {@code address}; after a failed read it opens the
     * store again (a restarted server, a cut connection), and it closes the store with the server.
     *
     * @throws dev.spool.store.StoreException when the store cannot be opened now
     * @throws IOException                    when the address cannot be bound, saying which
     */
    public static WebServer start(Supplier<LogStore> opener, String storeLabel, InetSocketAddress address) throws IOException {
        return startOrClose(StoreHandle.reopening(opener), storeLabel, address);
    }

    /**
     * As {@link #start(Supplier, String, InetSocketAddress)}, and when {@code watch} is not null, opens the
     * store's file again when another file takes its path (rotated, deleted and created again), telling
     * {@code notices}.
     */
    public static WebServer start(Supplier<LogStore> opener, StoreFileWatch watch, Consumer<String> notices,
                                  String storeLabel, InetSocketAddress address) throws IOException {
        StoreHandle store = watch == null ? StoreHandle.reopening(opener) : StoreHandle.following(opener, watch, notices);
        return startOrClose(store, storeLabel, address);
    }

    /** Starts serving {@code store}, closing it when the server cannot start. */
    private static WebServer startOrClose(StoreHandle store, String storeLabel, InetSocketAddress address) throws IOException {
        try {
            return start(store, storeLabel, address);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static WebServer start(StoreHandle store, String storeLabel, InetSocketAddress address) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "spool-web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new Router(new Api(store, storeLabel), allowedHosts(address.getAddress())));
        server.start();
        return new WebServer(server, executor, store);
    }

    /**
     * On a loopback address, the names a browser uses for it: a request carrying any other {@code Host}
     * reached it through a DNS name pointed at this machine (rebinding) and is refused. Elsewhere, null: any.
     */
    private static Set<String> allowedHosts(InetAddress address) {
        if (address == null || !address.isLoopbackAddress()) {
            return null;
        }
        String literal = address.getHostAddress();
        Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        names.add(literal.contains(":") ? "[" + literal + "]" : literal);
        return Set.copyOf(names);
    }

    /** The page's address, for example {@code http://127.0.0.1:8686/}. */
    public URI uri() {
        return uri;
    }

    /**
     * Stops accepting requests, lets those under way finish for up to a second, stops the threads, and
     * closes the store if the server opened it.
     */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.close();
        }
    }
}
