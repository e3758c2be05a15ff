/**
 * Formats: how an event becomes bytes. {@link dev.spool.format.TextFormat} writes one human-readable
 * line per event from a pattern such as {@code %d %-5p [%t] %c - %m%n}; {@link dev.spool.format.JsonFormat}
 * writes one JSON object per line (JSON Lines), the schema every other stage of Spool reads.
 * {@link dev.spool.format.Formats} picks one from a destination's options.
 *
 * <p>Both write straight into a reusable {@link dev.spool.spi.ByteBuilder} and allocate nothing per event
 * once warm, except where an event carries something that cannot be written without allocating (an
 * exception, a floating-point field, a field of another type). The pattern parser and its tokens are
 * package-private: the pattern language is the API, not the classes behind it. docs/formats.md describes
 * both formats in full.
 */
package dev.spool.format;
