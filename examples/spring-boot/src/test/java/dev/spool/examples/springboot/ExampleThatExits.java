package dev.spool.examples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * Starts the example, logs {@code EVENTS} events as fast as it can, then exits the JVM at once, so that
 * Boot's shutdown hook closes the context (the Inventory logs while it closes) and then runs the logging
 * system's shutdown handler.
 */
public final class ExampleThatExits {

    static final int EVENTS = 10_000;

    private ExampleThatExits() {
    }

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
        Logger log = LoggerFactory.getLogger("dev.spool.examples.springboot.Load");
        for (int i = 0; i < EVENTS; i++) {
            log.atInfo().addKeyValue("i", i).log("load event");
        }
        System.exit(0);
    }
}
