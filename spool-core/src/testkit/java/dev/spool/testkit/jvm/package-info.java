/**
 * The one launcher of child JVMs for Spool's tests ({@link dev.spool.testkit.jvm.ChildJvm}): a {@code main}
 * of the test class path in a JVM of its own, its output kept for bounded waits and failure messages,
 * stopped with SIGTERM or SIGKILL for fault tests.
 */
package dev.spool.testkit.jvm;
