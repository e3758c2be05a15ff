package dev.spool.internal.pipeline;

import dev.spool.spi.Ledger;

/**
 * The parts of a {@link Slot} that an ordinary log event leaves empty: a metric's name, value and unit, a
 * ledger, and the thread's name when it is not kept as a {@link ThreadNames} number. Kept apart so that a
 * slot is smaller, and each event moves fewer cache lines from the producer's core to the writer's
 * (docs/decisions/slot-layout.md). Made for a slot on its first such event and kept from then on.
 */
final class SlotExtras {

    String threadName;
    String metricName;
    double metricValue = Double.NaN;
    String metricUnit;
    Ledger ledger;
}
