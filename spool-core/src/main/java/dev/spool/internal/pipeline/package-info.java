/**
 * The event pipeline: capture on the calling thread, one bounded queue, one writer thread.
 *
 * <pre>
 *  caller threads                     Ring of pre-allocated Slots               writer thread (WriterLoop)
 *  ──────────────                     ───────────────────────────               ──────────────────────────
 *  Logger.info(...)                    ┌───┬───┬───┬───┬───┬───┬───┬───┐
 *   │ level check (one int compare)    │ 7 │ 8 │ 9 │10 │ 3 │ 4 │ 5 │ 6 │  cursor: next to claim (CAS)
 *   │ LogRoute.log = Route.log:        └───┴───┴───┴───┴───┴───┴───┴───┘  consumed: next to take
 *   │   format {} into the thread's            ▲ publish          │ Writer.drain: take contiguous
 *   │   Capture                                │ (volatile write) ▼ published slots, up to maxBatch;
 *   │ Publisher: tryClaim a sequence           │                    Route.dispatch each one to its
 *   │   full? OverflowDecision by the route's  │                    Destinations (level filter);
 *   │   policy: wait (SpaceWaiters) | drop |   │                    flush once, free the slots, tell
 *   │   write on caller (Writer) ──────────────┘                    FlushWaiters; idle: spin, then park
 *   │ Slot.fill(capture), Ring.publish: unpark the writer if parked
 *   ▼
 *  returns (never does I/O, never throws)
 *
 *  events made elsewhere: Pipeline.ingest ─> RouteTable.cached ─> Publisher: the same claim, fill, commit
 * </pre>
 *
 * <p>The jobs, one class each: {@code Ring} (claim, publish, take over
 * {@code Sequence} and {@code Slot}, and the producers' and writer's waits); {@code OverflowDecision}
 * (what a full ring means for one event); {@code Publisher} (the one claim, fill, commit path: a
 * {@code Capture} is a {@code LogEvent}, so a slot fills from it as from an event made elsewhere);
 * {@code Writer} (the lock, batches, the synchronous path) and {@code WriterLoop} (the thread);
 * {@code RouteTable} and {@code Route} (decided once per logger name); {@code Destinations};
 * {@code FlushWaiters}; and {@link dev.spool.internal.pipeline.Pipeline}, which assembles them and does
 * lifecycle and stats. The logging API sees only {@code dev.spool.spi.LogPipeline} and
 * {@code dev.spool.spi.LogRoute}.
 *
 * <p>Everything that touches destinations runs under one lock held by the writer per batch; the only
 * other holder is a caller on the {@code sync-fallback} path, which first drains the queue so its own
 * earlier events are written before its synchronous one. Every memory-ordering protocol here has a
 * jcstress test in spool-stress, in this package.
 */
package dev.spool.internal.pipeline;
