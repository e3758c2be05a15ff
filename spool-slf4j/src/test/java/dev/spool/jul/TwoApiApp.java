package dev.spool.jul;

import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A program that logs through SLF4J and through java.util.logging, then prints the class names of
 * JUL's root handlers; run in a child JVM by {@link SpoolJulConfigIT}.
 */
public final class TwoApiApp {

    private TwoApiApp() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger("app.slf4j").info("from slf4j");
        Logger jul = Logger.getLogger("app.jul");
        jul.log(Level.INFO, "from jul {0}", "formatted");
        jul.fine("jul below the configured level");
        jul.log(Level.SEVERE, "jul failure", new IllegalStateException("boom"));
        System.out.println("root handlers=" + Arrays.toString(Arrays.stream(Logger.getLogger("").getHandlers())
                .map(h -> h.getClass().getSimpleName()).toArray()));
    }
}
