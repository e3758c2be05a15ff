package dev.spool.cli;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Picocli's own usage errors ({@code Invalid value for option '--threads': 'abc' is not an int}, {@code Value
 * for option option '--field' ... should be in KEY=VALUE format}) rewritten as the commands word theirs:
 * {@code bad value 'abc' for --threads: expected a whole number}, naming the option, the value and what is
 * accepted. Messages the commands throw themselves pass unchanged.
 */
final class UsageMessages {

    private UsageMessages() {
    }

    static String of(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (arg == null && e instanceof MissingParameterException && !((MissingParameterException) e).getMissing().isEmpty()) {
            arg = ((MissingParameterException) e).getMissing().get(0);
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (!(arg instanceof OptionSpec)) {
            return message;
        }
        OptionSpec option = (OptionSpec) arg;
        String name = option.longestName();
        if (e instanceof MissingParameterException) {
            return name + " needs a value: " + option.paramLabel() + " (" + accepted(option) + ")";
        }
        if (e instanceof OverwrittenOptionException) {
            return name + " was given more than once; give it once";
        }
        if (isConversionFailure(e, message)) {
            return "bad value '" + value(e, message) + "' for " + name + ": expected " + accepted(option);
        }
        return message;
    }

    private static boolean isConversionFailure(ParameterException e, String message) {
        return e.getCause() instanceof TypeConversionException || message.startsWith("Invalid value for option")
                || message.startsWith("Value for option");
    }

    /** The value as typed: picocli records it, else it is the last quoted text of its message. */
    private static String value(ParameterException e, String message) {
        if (e.getValue() != null) {
            return e.getValue();
        }
        int end = message.lastIndexOf('\'');
        int start = end > 0 ? message.lastIndexOf('\'', end - 1) : -1;
        if (start >= 0) {
            return message.substring(start + 1, end);
        }
        int but = message.lastIndexOf(" but was ");
        return but >= 0 ? message.substring(but + " but was ".length()) : "";
    }

    private static String accepted(OptionSpec option) {
        Class<?> type = option.type();
        if (Map.class.isAssignableFrom(type)) {
            return option.paramLabel() + ", such as " + example(option.paramLabel());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == Path.class) {
            return "a file path";
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return option.paramLabel();
    }

    private static String example(String label) {
        return label.equals("KEY=VALUE") ? "user_id=42" : label;
    }
}
