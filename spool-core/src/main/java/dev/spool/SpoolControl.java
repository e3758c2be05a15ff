package dev.spool;

import dev.spool.spi.RuntimeControl;

import java.util.Map;

/** The runtime operations of the pipeline MXBean, carried out by {@link Spool} on the process's loggers. */
final class SpoolControl implements RuntimeControl {

    private final LoggerRegistry registry;

    SpoolControl(LoggerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void setLevel(String loggerPrefix, Level level) {
        Spool.setLevel(loggerPrefix, level);
    }

    @Override
    public Map<String, Level> levels() {
        return Spool.levels();
    }

    @Override
    public Map<String, Level> runtimeLevels() {
        return registry.overrides();
    }

    @Override
    public String reload() {
        return Spool.reload();
    }
}
