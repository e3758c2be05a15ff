package dev.spool.slf4j;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A program that knows only SLF4J; run in a child JVM by {@link ProviderDiscoveryIT}. */
public final class Slf4jOnlyApp {

    private Slf4jOnlyApp() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("app.slf4jonly");
        MDC.put("request", "r-1");
        log.info("hello {}", "slf4j");
        log.debug("below the configured level");
        System.out.println("factory=" + LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
