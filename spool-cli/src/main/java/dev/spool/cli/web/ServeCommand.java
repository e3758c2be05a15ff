package dev.spool.cli.web;

import dev.spool.cli.store.StoreFileWatch;
import dev.spool.cli.store.StoreLocation;
import dev.spool.cli.store.StoreLocationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code spool serve}: the read-only web view and JSON API over a store, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a read-only web view and JSON API of a store, until stopped (docs/web.md).",
            "A database file that is replaced (rotated, or deleted and created again) is opened again, and stderr says so.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool serve                          logs/spool.db, http://127.0.0.1:8686/",
            "  spool serve --db logs/spool.db --port 0      a free port, printed",
            "  spool serve --store postgresql://127.0.0.1:5432/spool --port 9000",
            "  curl 'http://127.0.0.1:8686/api/logs?min_level=ERROR&since=1h'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"130:stopped by Ctrl-C (143: SIGTERM)",
            "1:the store could not be opened, or the address could not be bound",
            "2:usage error: a bad option or store URL"})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreLocationOptions where;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8686",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}). The view has no authentication: "
                    + "any other address lets whoever reaches it read every stored event.")
    String bind;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "bad value '" + port + "' for --port: expected 0 to 65535");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "bad value '" + bind + "' for --bind: not an address of this machine", e);
        }
        StoreLocation location;
        try {
            location = where.location();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        WebServer server;
        try {
            PrintWriter err = spec.commandLine().getErr();
            server = WebServer.start(location::open, StoreFileWatch.of(location), notice -> {
                err.println("spool serve: " + notice);
                err.flush();
            }, location.label(), new InetSocketAddress(address, port));
        } catch (IOException e) {
            // One line saying what to do, not an exception's class name.
            throw new IllegalStateException(e.getMessage() + "; choose another port with --port N (0 picks a free one)", e);
        }
        if (!address.isLoopbackAddress()) {
            spec.commandLine().getErr().println("spool serve: warning: listening on " + bind + " without authentication:"
                    + " anyone who can reach this port can read every stored event");
            spec.commandLine().getErr().flush();
        }
        out.println("Spool web view on " + server.uri() + " (store " + location.label() + ", read-only); Ctrl-C to stop");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "spool-serve-stop"));
        stopped.await();
        return 0;
    }
}
