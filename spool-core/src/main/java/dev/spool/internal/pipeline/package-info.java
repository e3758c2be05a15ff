/**
 * The event pipeline: capture on the calling thread, one bounded queue, one writer thread.
 *
 * <pre>
 *  caller threads                      queue (ring of pre-allocated Slots)          writer thread
 *  ──────────────                      ───────────────────────────────────          ─────────────
 *  Logger.info(...)                     ┌───┬───┬───┬───┬───┬───┬───┬───┐
 *   │ level check (one int compare)     │ 7 │ 8 │ 9 │10 │ 3 │ 4 │ 5 │ 6 │  cursor: next to claim (CAS)
 *   │ format {} into thread scratch     └───┴───┴───┴───┴───┴───┴───┴───┘  consumed: next to take
 *   │ claim a sequence (CAS on cursor)            ▲ publish          │ take contiguous published
 *   │   full? → route's overflow policy:          │ (volatile write) ▼ slots, up to maxBatch
 *   │     block | drop | drop-below | sync ───────┘           dispatch to each Destination of
 *   │ fill the slot, publish, unpark writer if parked           the event's Route (level filter)
 *   ▼                                                          flush touched destinations once
 *  returns (never does I/O, never throws)                      counters, flush waiters, then park
 * </pre>
 *
 * <p>Everything that touches destinations runs under one lock held by the writer per batch; the only
 * other holder is a caller on the {@code sync-fallback} path, which first drains the queue so its own
 * earlier events are written before its synchronous one.
 */
package dev.spool.internal.pipeline;
