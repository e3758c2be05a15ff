package dev.spool.cli;

import dev.spool.cli.collector.CollectCommand;
import dev.spool.cli.collector.StatusCommand;
import dev.spool.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The top of the {@code spool} command line: global options, the list of subcommands, exit codes.
 *
 * <p>Each subcommand is one class registered in {@code subcommands} below. Use {@link #commandLine()}
 * rather than {@code new CommandLine(new SpoolCommand())}: it installs the error reporting that keeps
 * failures to one line on stderr.
 */
@Command(name = "spool",
        mixinStandardHelpOptions = true,
        versionProvider = SpoolVersion.class,
        description = "Spool, a logging system for many threads, processes and hosts.",
        synopsisSubcommandLabel = "COMMAND",
        usageHelpWidth = 100,
        commandListHeading = "%nCommands:%n",
        subcommands = {DemoCommand.class, dev.spool.cli.store.QueryCommand.class, dev.spool.cli.store.TailCommand.class,
            dev.spool.cli.store.StatsCommand.class, dev.spool.cli.store.MetricsCommand.class,
            dev.spool.cli.store.BackupCommand.class,
            dev.spool.cli.web.ServeCommand.class, CollectCommand.class,
            dev.spool.cli.consumer.ConsumeCommand.class, StatusCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the command failed (demo: an event was lost, duplicated or out of order)",
            "2:usage error: unknown command or option, or a bad value"},
        footer = {"%nRun 'spool help COMMAND' or 'spool COMMAND --help' for a command's options."})
public final class SpoolCommand implements Callable<Integer> {

    /** Exit code: the command did its job. */
    public static final int OK = 0;
    /** Exit code: the command ran and its job failed (events lost, a check failed, I/O error). */
    public static final int FAILED = 1;
    /** Exit code: the command line was wrong. */
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace too.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A ready-to-execute command line with Spool's error reporting; output goes to stdout/stderr. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new SpoolCommand());
        CommandErrors errors = new CommandErrors();
        line.setParameterExceptionHandler(errors);
        line.setExecutionExceptionHandler(errors);
        return line;
    }

    /** {@code spool} without a command is a usage error: there is nothing sensible to do by default. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command; one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
