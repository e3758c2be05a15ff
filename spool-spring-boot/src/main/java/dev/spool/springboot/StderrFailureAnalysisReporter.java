package dev.spool.springboot;

import dev.spool.spi.support.Diagnostics;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints Boot's start-up failure report on stderr as the lines it is made of. Boot also logs it (as
 * one ERROR event), and Spool's text format escapes line feeds so that an event stays on one line, which
 * leaves that copy hard to read; this one is for the person starting the application. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class StderrFailureAnalysisReporter implements FailureAnalysisReporter {

    /** Made by Boot's factory loader. */
    public StderrFailureAnalysisReporter() {
    }

    @Override
    public void report(FailureAnalysis analysis) {
        StringBuilder text = new StringBuilder("spring boot: APPLICATION FAILED TO START\n\nDescription:\n\n")
                .append(analysis.getDescription());
        if (analysis.getAction() != null) {
            text.append("\n\nAction:\n\n").append(analysis.getAction());
        }
        Diagnostics.info(text.append('\n').toString());
    }
}
