/**
 * A deflate (RFC 1951) encoder written for log text, faster than the JDK's zlib at its fastest level: one
 * hash probe per position and no lazy matching (the shape of zlib-ng's "quick" strategy), Huffman codes
 * built per block. {@link dev.spool.internal.deflate.FastDeflater} is the entry; the rest are its parts.
 * Not exported: the rolling file's compressor uses it (docs/decisions/fast-deflate.md).
 */
package dev.spool.internal.deflate;
