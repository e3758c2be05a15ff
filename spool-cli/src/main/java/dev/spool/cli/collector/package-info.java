/**
 * {@code spool collect} runs a collector until it is stopped; {@code spool status} asks a running one for
 * its counters. Both are thin: the collector itself is {@link dev.spool.collector.Collector} in spool-core,
 * and the wire format is docs/protocol.md.
 */
package dev.spool.cli.collector;
