/**
 * The benchmark driver: {@link dev.spool.bench.Bench} plans the runs for a mode (smoke, quick, full),
 * starts one JVM per run with only that backend's jars on its classpath, checks each log file, runs the
 * JMH micro-benchmarks, and hands everything to {@link dev.spool.bench.report.Report}.
 *
 * <pre>
 *  Bench ──&gt; EndToEndSuite ─┐                       ┌─&gt; RunMain (child JVM, one backend) ──&gt; log file
 *        ──&gt; LatencySuite ──┼─&gt; ChildRunner ────────┘                                          │
 *        ──&gt; JmhSuite       │                                                  LogFileCheck &lt;──┘
 *                           └─&gt; Report: CSV, Markdown, SVG, targets
 * </pre>
 */
package dev.spool.bench;
