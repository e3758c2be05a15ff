/**
 * Comparing two builds of Spool run back to back ({@code spool-bench/ab}): the medians of each side's
 * end-to-end and JMH results, cell by cell, with the ratio and a mark on every cell that dropped more than
 * the allowed share or whose runs failed their check.
 */
package dev.spool.bench.ab;
