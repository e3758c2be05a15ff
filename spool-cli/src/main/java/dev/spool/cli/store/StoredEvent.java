package dev.spool.cli.store;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.LogEvent;
import dev.spool.store.LogRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored record seen as an event again, so that the JSON Lines format writes it: the store commands'
 * {@code --json} output and the web API then have the schema of a {@code json} file, byte for byte, and
 * can be fed to a collector as they are.
 */
final class StoredEvent implements LogEvent {

    private final LogRecord r;
    private final long[] id;
    private final List<String> keys;
    private final List<Object> values;

    StoredEvent(LogRecord r) {
        this.r = r;
        this.id = JsonEventReader.decodeId(r.eventId());
        this.keys = new ArrayList<>(r.fields().keySet());
        this.values = new ArrayList<>(r.fields().values());
    }

    @Override public long idHigh() { return id[0]; }
    @Override public long idLow() { return id[1]; }
    @Override public long timestampMicros() { return r.timestampMicros(); }
    @Override public Level level() { return r.level(); }
    @Override public String logger() { return r.logger(); }
    @Override public String threadName() { return r.thread(); }
    @Override public long threadId() { return r.threadId(); }
    @Override public CharSequence message() { return r.message(); }
    @Override public int fieldCount() { return keys.size(); }
    @Override public String fieldKey(int index) { return keys.get(index); }
    @Override public Object fieldValue(int index) { return values.get(index); }
    @Override public ContextMap context() { return ContextMap.of(r.context()); }
    @Override public Throwable throwable() { return r.exception(); }

    @Override
    public Resource resource() {
        return new Resource(orUnknown(r.service()), orUnknown(r.host()), r.pid());
    }

    private static String orUnknown(String name) {
        return name == null || name.isBlank() ? "unknown" : name; // as the collector reads a missing one
    }
}
