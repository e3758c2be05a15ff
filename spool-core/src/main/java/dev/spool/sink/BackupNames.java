package dev.spool.sink;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of rotated files: {@code <stem>.<yyyyMMdd-HHmmss-SSS>[-N]<ext>}, plus {@code .gz} once compressed,
 * in the active file's directory. {@code app.log} rotated at 23:55:01.123 becomes
 * {@code app.20261121-235501-123.log}; a second rotation in the same millisecond gets {@code -1}, and so on.
 *
 * <p>Each rotation picks a fresh name, so no file is ever renamed twice (no cascade). Plain name order
 * puts {@code -N} before the unsuffixed name, so ordering goes through {@link Backup#NEWEST_FIRST}.
 */
final class BackupNames {

    private final String stem;
    private final String extension;
    private final ZoneId zone;
    private final DateTimeFormatter time;
    private final Pattern pattern;

    BackupNames(String activeFileName, ZoneId zone) {
        int dot = activeFileName.lastIndexOf('.');
        this.stem = dot > 0 ? activeFileName.substring(0, dot) : activeFileName;
        this.extension = dot > 0 ? activeFileName.substring(dot) : "";
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS", Locale.ROOT).withZone(zone);
        this.pattern = Pattern.compile(Pattern.quote(stem) + "\\.(\\d{8}-\\d{6}-\\d{3})(?:-([1-9]\\d{0,8}))?"
                + Pattern.quote(extension) + "(\\.gz)?");
    }

    /** The name for a file rotated at {@code millis}; {@code index} 0 has no suffix. */
    String name(long millis, int index) {
        String suffix = index == 0 ? "" : "-" + index;
        return stem + "." + time.format(Instant.ofEpochMilli(millis)) + suffix + extension;
    }

    /** The backup a file name denotes, or null when it is not one of ours. */
    Backup parse(String fileName) {
        Matcher m = pattern.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        boolean gzip = m.group(3) != null;
        String name = gzip ? fileName.substring(0, fileName.length() - 3) : fileName;
        long millis = LocalDateTime.parse(m.group(1), time).atZone(zone).toInstant().toEpochMilli();
        return new Backup(name, millis, index);
    }

    /** One rotated file, compressed or not, named by its uncompressed name. */
    record Backup(String name, long rotatedMillis, int index) {

        /** Newest first: by rotation time, then by collision suffix. */
        static final Comparator<Backup> NEWEST_FIRST =
                Comparator.comparingLong(Backup::rotatedMillis).thenComparingInt(Backup::index).reversed();
    }
}
