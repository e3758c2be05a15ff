package dev.spool.springboot;

/**
 * A Boot logging property Spool cannot use; says which property, its value, what is wrong and what is
 * accepted. {@link LoggingPropertyFailureAnalyzer} turns it into Boot's failure report.
 */
public final class LoggingPropertyException extends IllegalArgumentException {

    private final String property;
    private final String value;
    private final String problem;
    private final String accepted;

    /** An error for {@code property} = {@code value}, saying what is wrong and what is accepted. */
    public LoggingPropertyException(String property, String value, String problem, String accepted, Throwable cause) {
        super("bad value '" + value + "' for property '" + property + "': " + problem + "; accepted: " + accepted,
                cause);
        this.property = property;
        this.value = value;
        this.problem = problem;
        this.accepted = accepted;
    }

    /** The Boot property, such as {@code logging.config}. */
    public String property() {
        return property;
    }

    /** Its value as given. */
    public String value() {
        return value;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }

    /** What the property accepts. */
    public String accepted() {
        return accepted;
    }
}
