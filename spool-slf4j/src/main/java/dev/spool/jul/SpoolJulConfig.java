package dev.spool.jul;

/**
 * A JUL configuration class: start the JVM with
 * {@code -Djava.util.logging.config.class=dev.spool.jul.SpoolJulConfig} and java.util.logging goes to
 * Spool without a code change. JUL instantiates it while its {@code LogManager} starts; the constructor
 * runs {@link SpoolJul#install()} and reads no {@code logging.properties}.
 */
public final class SpoolJulConfig {

    /** Installs the bridge; see {@link SpoolJul#install()}. */
    public SpoolJulConfig() {
        SpoolJul.install();
    }
}
