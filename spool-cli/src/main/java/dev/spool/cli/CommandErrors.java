package dev.spool.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Turns usage errors and failures into one line on stderr and an exit code; the stack trace is printed
 * only with {@code --verbose}, since users act on the message, not on our frames.
 */
final class CommandErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private static final int MAX_SUGGESTIONS = 3;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(name + ": " + usageMessage(e) + " (see '" + name + " --help')");
        err.flush();
        return SpoolCommand.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = verbose(parsed);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.println(command.getCommandSpec().qualifiedName() + ": " + describe(e)
                + (verbose ? "" : " (--verbose prints the stack trace)"));
        err.flush();
        return SpoolCommand.FAILED;
    }

    private static String usageMessage(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException)) {
            return UsageMessages.of(e);
        }
        UnmatchedArgumentException u = (UnmatchedArgumentException) e;
        String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
        String what;
        if (u.isUnknownOption()) {
            what = "unknown option '" + first + "'";
        } else if (!e.getCommandLine().getSubcommands().isEmpty()) {
            what = "unknown command '" + first + "'";
        } else {
            what = "unexpected argument '" + first + "'";
        }
        List<String> suggestions = u.getSuggestions();
        if (!suggestions.isEmpty()) {
            what += "; did you mean "
                    + String.join(" or ", suggestions.subList(0, Math.min(MAX_SUGGESTIONS, suggestions.size()))) + "?";
        }
        return what;
    }

    /** Whether {@code --verbose} was given to the top command or any subcommand on the line. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // An IOException's message is often only a path; its type says what went wrong.
        return t instanceof IOException ? t.getClass().getSimpleName() + ": " + message : message;
    }
}
