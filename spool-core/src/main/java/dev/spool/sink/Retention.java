package dev.spool.sink;

import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes old backups of a rolling file: all but the newest {@code maxBackups}, and, when a maximum age is
 * set, those rotated longer ago than that. A backup and its {@code .gz} count as one, so a compression
 * still under way does not make retention delete an extra file. Failures are reported, never thrown.
 */
final class Retention {

    private final Path dir;
    private final BackupNames names;
    private final int maxBackups;
    private final long maxAgeMillis;
    private final Clock clock;

    /** @param maxAge null when backups are kept whatever their age */
    Retention(Path dir, BackupNames names, int maxBackups, Duration maxAge, Clock clock) {
        this.dir = dir;
        this.names = names;
        this.maxBackups = maxBackups;
        this.maxAgeMillis = maxAge == null ? Long.MAX_VALUE : saturatedMillis(maxAge);
        this.clock = clock;
    }

    void apply() {
        List<BackupNames.Backup> backups;
        try {
            backups = list();
        } catch (IOException e) {
            Diagnostics.warn("sink.retention", "could not list backups in " + dir, e);
            return;
        }
        backups.sort(BackupNames.Backup.NEWEST_FIRST);
        long oldestKeptMillis = maxAgeMillis == Long.MAX_VALUE ? Long.MIN_VALUE : clock.millis() - maxAgeMillis;
        for (int i = 0; i < backups.size(); i++) {
            BackupNames.Backup backup = backups.get(i);
            if (i >= maxBackups || backup.rotatedMillis() < oldestKeptMillis) {
                delete(backup.name());
            }
        }
    }

    private static long saturatedMillis(Duration age) {
        try {
            return age.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // older than anything a clock can show: keep by age forever
        }
    }

    private List<BackupNames.Backup> list() throws IOException {
        Map<String, BackupNames.Backup> byName = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                BackupNames.Backup backup = names.parse(entry.getFileName().toString());
                if (backup != null) {
                    byName.put(backup.name(), backup);
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
            Files.deleteIfExists(dir.resolve(name + ".gz"));
        } catch (IOException e) {
            Diagnostics.warn("sink.retention", "could not delete old backup " + dir.resolve(name), e);
        }
    }
}
