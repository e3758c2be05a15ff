package dev.spool.store;

import dev.spool.Level;

/** How many events of the filtered set have {@code level}, and their share of it in percent. */
public record LevelStats(Level level, long count, double percent) {
}
