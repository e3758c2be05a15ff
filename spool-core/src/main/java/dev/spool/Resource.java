package dev.spool;

import java.net.InetAddress;

/**
 * Where events come from: the service name, host and process id, configured once per pipeline and
 * attached to every event.
 */
public record Resource(String service, String host, long pid) {

    /** Validates that service and host are present. */
    public Resource {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service must not be empty");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
    }

    /**
     * The resource of this process: service from {@code -Dspool.service}, {@code $SPOOL_SERVICE} or
     * {@code "app"}; host from {@code $HOSTNAME} or the local host name; the current pid.
     */
    public static Resource detect() {
        return ofService(firstNonBlank(System.getProperty("spool.service"), System.getenv("SPOOL_SERVICE"), "app"));
    }

    /** This process's host and pid with the given service name. */
    public static Resource ofService(String service) {
        return new Resource(service, localHost(), ProcessHandle.current().pid());
    }

    private static String localHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
