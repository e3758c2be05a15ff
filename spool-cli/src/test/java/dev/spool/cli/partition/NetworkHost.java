package dev.spool.cli.partition;

import dev.spool.testkit.HostCommand;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A "host" of a test on this machine: a network namespace of its own ({@code ip netns}) joined to this one
 * by a veth pair on the private subnet {@code 10.213.N.0/30}: {@code .1} on this side, {@code .2} inside.
 * A process started {@link #inside} it reaches nothing but {@link #gateway()} (no loopback of this
 * namespace, no route elsewhere), so what it sends to the machine's servers goes through a relay listening
 * on the gateway, and {@link #cut()} partitions it for real. {@link #close()} removes both.
 */
final class NetworkHost implements AutoCloseable {

    /** Names of this test's namespaces: {@code spool-part-<pid of the test JVM>-<N>}. */
    private static final String PREFIX = "spool-part-";
    private static final Duration IP = Duration.ofSeconds(30);

    private final String namespace;
    private final String outside;
    private final String gateway;

    private NetworkHost(String namespace, String outside, String gateway) {
        this.namespace = namespace;
        this.outside = outside;
        this.gateway = gateway;
    }

    /**
     * Creates host {@code n} (1 to 254) of this JVM. Skips the test (a JUnit assumption) when the kernel
     * refuses a network namespace; fails when {@code ip} (iproute2) is missing or anything else goes wrong.
     */
    static NetworkHost create(int n) {
        long pid = ProcessHandle.current().pid();
        String namespace = PREFIX + pid + "-" + n;
        String outside = "sp" + pid + "h" + n; // at most 15 characters, the kernel's limit
        String inside = "sp" + pid + "n" + n;
        String subnet = "10.213." + n + ".";
        HostCommand.Result created;
        try {
            created = HostCommand.run(IP, "ip", "netns", "add", namespace);
        } catch (AssertionError e) {
            throw new AssertionError("the partition test needs ip (Debian package iproute2, which .ci/run installs): "
                    + e.getMessage(), e);
        }
        if (!created.ok()) {
            String why = created.output().toLowerCase(Locale.ROOT);
            Assumptions.assumeFalse(why.contains("not permitted") || why.contains("permission denied")
                    || why.contains("not supported") || why.contains("invalid argument"),
                    "this kernel refuses a network namespace (ip netns add " + namespace + ": " + created.output()
                            + "); the partition test needs root and CONFIG_NET_NS");
            throw new AssertionError("ip netns add " + namespace + " failed: " + created.output());
        }
        NetworkHost host = new NetworkHost(namespace, outside, subnet + "1");
        try {
            ip("link", "add", outside, "type", "veth", "peer", "name", inside, "netns", namespace);
            ip("addr", "add", subnet + "1/30", "dev", outside);
            ip("link", "set", outside, "up");
            ip("-n", namespace, "addr", "add", subnet + "2/30", "dev", inside);
            ip("-n", namespace, "link", "set", inside, "up");
            ip("-n", namespace, "link", "set", "lo", "up");
            return host;
        } catch (RuntimeException | AssertionError e) {
            host.close();
            throw e;
        }
    }

    /**
     * Removes the namespaces and veths that earlier runs of this test left behind when their JVM was killed
     * (their pid no longer runs): their addresses would clash with this run's.
     */
    static void removeLeftovers() {
        for (String line : HostCommand.require(IP, "listing network namespaces", "ip", "netns", "list").split("\n")) {
            String name = line.split(" ")[0];
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = name.substring(PREFIX.length()).split("-");
            long pid = Long.parseLong(parts[0]);
            if (ProcessHandle.of(pid).isEmpty()) {
                new NetworkHost(name, "sp" + pid + "h" + parts[1], null).close();
            }
        }
    }

    /** The address of this namespace's side of the veth, where a relay for this host listens. */
    String gateway() {
        return gateway;
    }

    /** The namespace's name. */
    String namespace() {
        return namespace;
    }

    /** For {@code ChildJvmBuilder.configure}: runs the child inside this host ({@code ip netns exec}, which execs it). */
    UnaryOperator<ProcessBuilder> inside() {
        return builder -> {
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            command.addAll(builder.command());
            return builder.command(command);
        };
    }

    /** Takes this side of the veth down: the host's packets go nowhere, both ways, until {@link #restore()}. */
    void cut() {
        ip("link", "set", outside, "down");
    }

    /** Brings the link back up. */
    void restore() {
        ip("link", "set", outside, "up");
    }

    /** Deletes the veth pair and the namespace; what is already gone is no error. */
    @Override
    public void close() {
        HostCommand.run(IP, "ip", "link", "del", outside);
        HostCommand.Result deleted = HostCommand.run(IP, "ip", "netns", "del", namespace);
        if (!deleted.ok() && !deleted.output().contains("No such file")) {
            throw new AssertionError("ip netns del " + namespace + " failed: " + deleted.output());
        }
    }

    @Override
    public String toString() {
        return namespace + " (" + gateway + ")";
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        HostCommand.require(IP, "setting up a test host's network", command.toArray(String[]::new));
    }
}
