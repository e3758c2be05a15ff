package dev.spool.springboot;

import dev.spool.Level;
import dev.spool.RouteConfig;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.jul.SpoolJul;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Spring Boot's logging system backed by Spool, for Boot 3.5 and 4.0. Boot finds it through
 * {@link Factory} (listed in {@code META-INF/spring.factories}), so the dependency is all an application
 * adds, with Boot's {@code spring-boot-starter-logging} excluded.
 *
 * <p>At start-up it configures Spool from the file {@code logging.config} names, else
 * {@code spool.properties} on the class path, else from Boot's {@code logging.*} properties (console,
 * rolling file, patterns, JSON); {@code spool-PROFILE.properties} adds to the file for each active
 * profile. Boot then applies {@code logging.level.*} and its groups through {@link #setLogLevel}, which
 * takes effect at once, like {@link Spool#setLevel}, and which the actuator's {@code /loggers} endpoint
 * calls too. The pipeline is flushed when the context closes and drained by Boot's shutdown handler,
 * after every context has closed. Thread-safe.
 */
public final class SpoolLoggingSystem extends LoggingSystem {

    /** Levels set through Boot (properties and the actuator), by Spool logger prefix; "" is the root. */
    private static final Map<String, LogLevel> CONFIGURED = new TreeMap<>();
    /** JUL loggers given a level, held so that JUL (which keeps loggers weakly) does not forget it. */
    private static final Map<String, java.util.logging.Logger> JUL_LOGGERS = new HashMap<>();
    private static final Object LOCK = new Object();
    private static final AtomicBoolean HANDLER_GIVEN_TO_BOOT = new AtomicBoolean();
    private static final AtomicBoolean EXIT_HOOK_ADDED = new AtomicBoolean();
    private static SpoolConfig base; // guarded by LOCK: the configuration without the routes OFF adds

    private final ClassLoader classLoader;

    /** Made by {@link Factory}, or by Boot when {@code -Dorg.springframework.boot.logging.LoggingSystem} names it. */
    public SpoolLoggingSystem(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void beforeInitialize() {
        // Nothing to hold back: Spool starts on first use with its defaults, and initialize() swaps the
        // configured pipeline in without losing what was logged before.
    }

    /**
     * Configures Spool and routes java.util.logging into it.
     *
     * @throws LoggingPropertyException naming the Boot property, its value and what is accepted, when the
     *         configuration cannot be used (Boot reports it as a start-up failure)
     */
    @Override
    public void initialize(LoggingInitializationContext context, String configLocation, LogFile logFile) {
        Environment environment = context.getEnvironment();
        Environment properties = environment != null ? environment : new StandardEnvironment();
        String location = configLocation == null || configLocation.isBlank() ? null : configLocation.trim();
        SpoolConfig config = new SpoolFileConfiguration(classLoader)
                .load(location, properties.getActiveProfiles()).orElse(null);
        boolean fromFile = config != null;
        if (config == null) {
            config = new BootConfiguration(properties).build(logFile);
        }
        synchronized (LOCK) {
            CONFIGURED.keySet().forEach(prefix -> Spool.setLevel(prefix, null)); // an earlier application's
            CONFIGURED.clear();
            JUL_LOGGERS.values().forEach(logger -> logger.setLevel(null));
            JUL_LOGGERS.clear();
            base = config;
            try {
                Spool.configure(config);
            } catch (IllegalStateException e) {
                throw openFailure(e, fromFile, location, properties, logFile);
            }
        }
        SpoolJul.install();
        addExitHook();
        warnIfSlf4jGoesElsewhere();
    }

    private static RuntimeException openFailure(IllegalStateException e, boolean fromFile, String location,
                                                Environment properties, LogFile logFile) {
        if (fromFile) {
            return new LoggingPropertyException(SpoolFileConfiguration.CONFIG_PROPERTY,
                    location != null ? location : "classpath:spool.properties",
                    "a destination cannot be opened: " + e.getMessage(), SpoolFileConfiguration.CONFIG_ACCEPTED, e);
        }
        if (logFile != null) {
            boolean named = properties.getProperty("logging.file.name") != null;
            return new LoggingPropertyException(named ? "logging.file.name" : "logging.file.path",
                    named ? properties.getProperty("logging.file.name") : properties.getProperty("logging.file.path"),
                    "the log file cannot be opened: " + e.getMessage(), BootConfiguration.FILE_ACCEPTED, e);
        }
        return e;
    }

    /** Writes everything logged so far; the pipeline keeps running for what is logged during shutdown. */
    @Override
    public void cleanUp() {
        SpoolConfig config;
        synchronized (LOCK) {
            config = base;
        }
        Spool.flush(config != null ? config.shutdownTimeout() : SpoolConfig.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** Drains and closes the pipeline; Boot runs it after every application context has closed. */
    @Override
    public Runnable getShutdownHandler() {
        HANDLER_GIVEN_TO_BOOT.set(true);
        return Spool::shutdown;
    }

    @Override
    public Set<LogLevel> getSupportedLogLevels() {
        return EnumSet.copyOf(BootLevels.SUPPORTED);
    }

    /**
     * Sets the level of {@code loggerName} and the loggers below it, effective at once; null (or Boot's
     * {@code ROOT}) names the root, a null level goes back to the configured one. OFF starts a new
     * pipeline with a route that has no destination (nothing logged meanwhile is lost).
     */
    @Override
    public void setLogLevel(String loggerName, LogLevel level) {
        String prefix = spoolName(loggerName);
        synchronized (LOCK) {
            boolean offBefore = CONFIGURED.get(prefix) == LogLevel.OFF;
            if (level == null) {
                CONFIGURED.remove(prefix);
            } else {
                CONFIGURED.put(prefix, level);
            }
            Spool.setLevel(prefix, level == null || level == LogLevel.OFF ? null : BootLevels.toSpool(level));
            if (offBefore != (level == LogLevel.OFF) && base != null) {
                Spool.configure(withOffRoutes(base));
            }
            setJulLevel(prefix, level);
        }
    }

    /** The root first, then every logger Spool has made or a level was set for, by name. */
    @Override
    public List<LoggerConfiguration> getLoggerConfigurations() {
        Set<String> names = new TreeSet<>(Spool.loggerNames());
        synchronized (LOCK) {
            names.addAll(CONFIGURED.keySet());
            if (base != null) {
                base.routes().forEach(route -> names.add(route.loggerPrefix()));
            }
        }
        names.remove("");
        List<LoggerConfiguration> configurations = new ArrayList<>(names.size() + 1);
        configurations.add(configuration(""));
        names.forEach(name -> configurations.add(configuration(name)));
        return configurations;
    }

    /** The levels of {@code loggerName} (made in Spool if it was not, as Logback does). */
    @Override
    public LoggerConfiguration getLoggerConfiguration(String loggerName) {
        return configuration(spoolName(loggerName));
    }

    private static LoggerConfiguration configuration(String prefix) {
        LogLevel configured;
        synchronized (LOCK) {
            configured = CONFIGURED.get(prefix);
            if (configured == null && base != null) {
                for (RouteConfig route : base.routes()) {
                    if (route.loggerPrefix().equals(prefix)) {
                        configured = BootLevels.toBoot(route.level());
                    }
                }
            }
        }
        return new LoggerConfiguration(prefix.isEmpty() ? ROOT_LOGGER_NAME : prefix, configured,
                BootLevels.effective(Spool.logger(prefix)));
    }

    /** {@code base} with the prefixes set to OFF routed nowhere, and not on to their parents' routes. */
    private static SpoolConfig withOffRoutes(SpoolConfig config) {
        Set<String> off = new TreeSet<>();
        CONFIGURED.forEach((prefix, level) -> {
            if (level == LogLevel.OFF) {
                off.add(prefix);
            }
        });
        List<RouteConfig> routes = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            routes.add(off.remove(route.loggerPrefix())
                    ? new RouteConfig(route.name(), route.loggerPrefix(), route.level(), List.of(), false, route.overflow())
                    : route);
        }
        for (String prefix : off) {
            routes.add(new RouteConfig("boot-off:" + prefix, prefix, Level.FATAL, List.of(), false, null));
        }
        return new SpoolConfig(config.name(), config.resource(), config.queueCapacity(), config.maxBatch(),
                config.shutdownTimeout(), config.shutdownHook(), config.highWaterMark(), config.jmx(),
                config.maxMessageChars(), config.destinations(), routes, config.ledgerInterval());
    }

    private static void setJulLevel(String prefix, LogLevel level) {
        if (prefix.isEmpty()) {
            SpoolJul.install(); // follows Spool's root level
            return;
        }
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(prefix);
        if (level == null) {
            logger.setLevel(null);
            JUL_LOGGERS.remove(prefix);
        } else {
            logger.setLevel(BootLevels.toJul(level));
            JUL_LOGGERS.put(prefix, logger);
        }
    }

    private static String spoolName(String bootName) {
        return bootName == null || bootName.isEmpty() || ROOT_LOGGER_NAME.equalsIgnoreCase(bootName) ? "" : bootName;
    }

    /**
     * Drains the pipeline at exit when Boot was not given the shutdown handler: start-up failed before
     * Boot asked for it (the failure report must still be written), or {@code logging.register-shutdown-hook}
     * is false. Spool's own hook is off in this integration so that it cannot run while the context closes.
     */
    private static void addExitHook() {
        if (EXIT_HOOK_ADDED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(DaemonThreads.named("spool-boot-exit").newThread(() -> {
                if (!HANDLER_GIVEN_TO_BOOT.get()) {
                    Spool.shutdown();
                }
            }));
        }
    }

    private static void warnIfSlf4jGoesElsewhere() {
        String factory = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        if (!factory.startsWith("dev.spool.slf4j.")) {
            Diagnostics.info("spring boot: SLF4J logs through " + factory + ", not Spool; exclude"
                    + " spring-boot-starter-logging (and any other SLF4J provider) from the application");
        }
    }

    /** Finds {@link SpoolLoggingSystem} for Boot; ordered before Boot's own logging systems. */
    @Order(Ordered.HIGHEST_PRECEDENCE + 512)
    public static final class Factory implements LoggingSystemFactory {

        /** Made by Boot's factory loader. */
        public Factory() {
        }

        @Override
        public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
            return new SpoolLoggingSystem(classLoader);
        }
    }
}
