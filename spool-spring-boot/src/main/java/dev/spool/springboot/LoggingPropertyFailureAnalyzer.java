package dev.spool.springboot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's failure report ("APPLICATION FAILED TO START") for a logging property Spool cannot use: it
 * names the property, the value and what is accepted. Registered in {@code META-INF/spring.factories}.
 */
public final class LoggingPropertyFailureAnalyzer extends AbstractFailureAnalyzer<LoggingPropertyException> {

    /** Made by Boot's factory loader. */
    public LoggingPropertyFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LoggingPropertyException cause) {
        return new FailureAnalysis(
                "Spool cannot use the logging property '" + cause.property() + "' with the value '" + cause.value()
                        + "': " + cause.problem(),
                "Update your application's configuration. The property '" + cause.property() + "' accepts "
                        + cause.accepted() + ".",
                cause);
    }
}
