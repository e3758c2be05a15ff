package dev.spool.bench.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Logback: {@link LoggerContext#stop()} stops the AsyncAppender, which drains its queue for
 * {@code maxFlushTime} (the benchmark configuration sets 0: until empty), then the file appender.
 */
final class LogbackPeer implements Peer {

    @Override
    public Map<String, String> shutdown() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        return Map.of();
    }

    /**
     * With an AsyncAppender: waits until its queue is empty and its worker is back in the queue's
     * {@code take()}, so the events it took last have been appended too. Without one, logging was
     * synchronous: nothing to wait for.
     */
    @Override
    public void drain() throws InterruptedException {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof AsyncAppenderBase<?> async) {
                String worker = "AsyncAppender-Worker-" + async.getName();
                while (async.getNumberOfElementsInQueue() > 0 || !waitingForMore(worker)) {
                    LockSupport.parkNanos(50_000); // polled: Logback has no call that waits for the queue to empty
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        }
    }

    /** Whether the thread named {@code name} is parked in a blocking queue's {@code take()}. */
    private static boolean waitingForMore(String name) {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().equals(name)) {
                if (e.getKey().getState() != Thread.State.WAITING) {
                    return false;
                }
                for (StackTraceElement frame : e.getValue()) {
                    if (frame.getMethodName().equals("take") && frame.getClassName().endsWith("BlockingQueue")) {
                        return true;
                    }
                }
                return false;
            }
        }
        throw new IllegalStateException("no thread " + name + ": the AsyncAppender's worker is not running");
    }

    @Override
    public Map<String, String> facts() {
        return Map.of("logback", RunMain.jarOf("ch.qos.logback.classic.LoggerContext"));
    }
}
