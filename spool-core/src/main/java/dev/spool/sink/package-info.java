/**
 * Local destinations: the console, an appended file and a rolling file.
 *
 * <p>Every sink here is driven by the pipeline's single writer thread: {@code write} formats the event into
 * a reusable buffer and {@code flush} hands the whole batch to the operating system in as few system calls
 * as it can (one, normally). A batch larger than the buffer size is written out early, in chunks.
 *
 * <p>The file sinks keep what a failing disk would not take. After a failed write the unwritten bytes stay
 * in the sink as a backlog ({@code hasBacklog()} is true) and every {@code flush} retries them. While the
 * backlog exists, new events are added to it up to a bound; an event that would pass the bound is refused
 * with {@link dev.spool.sink.SinkOverflowException} and is not kept. The backlog only ever holds whole
 * events, except for the unwritten rest of an event whose start already reached the file, which the next
 * successful write completes; so a recovered disk never shows a torn line.
 *
 * <p>A rolling file in multi-process mode is shared by processes that take turns, once per batch, on a
 * lock file beside it ({@code ProcessLock}); the turn ({@code SharedRollingFile}) writes the batch and
 * rotates as the file's real size and the schedule shared in a state file ({@code RotationState}) say.
 *
 * <p>Public entry types: {@link dev.spool.sink.ConsoleSink}, {@link dev.spool.sink.FileSink},
 * {@link dev.spool.sink.RollingFileSink} and the {@code *SinkProvider} classes that make them available to
 * configuration as the destination types {@code console}, {@code file} and {@code rolling}.
 */
package dev.spool.sink;
