package dev.spool.cli;

import dev.spool.cli.collector.CollectCommand;
import dev.spool.cli.collector.StatusCommand;
import dev.spool.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
        commandListHeading = "%nCommands:%n",
        subcommands = {DemoCommand.class, dev.spool.cli.store.QueryCommand.class, dev.spool.cli.store.TailCommand.class,
            dev.spool.cli.store.StatsCommand.class, dev.spool.cli.store.MetricsCommand.class,
            dev.spool.cli.store.BackupCommand.class, dev.spool.cli.store.AuditCommand.class,
            dev.spool.cli.web.ServeCommand.class, CollectCommand.class,
            dev.spool.cli.consumer.ConsumeCommand.class, StatusCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the command failed (demo: an event was lost, duplicated or out of order)",
            "2:usage error: unknown command or option, or a bad value",
            "130:a command that runs until stopped (collect, consume, serve, tail -f) was stopped by Ctrl-C",
            "143:... by SIGTERM, after finishing what it held"},
        footer = {"%nStart with './spool demo', then 'spool query', 'spool tail -f' or 'spool serve' on the database "
                + "it writes (logs/spool.db).",
            "Run 'spool help COMMAND' or 'spool COMMAND --help' for a command's options and examples."})
public final class SpoolCommand implements Callable<Integer> {

    /** Exit code: the command did its job. */
    public static final int OK = 0;
    /** Exit code: the command ran and its job failed (events lost, a check failed, I/O error). */
    public static final int FAILED = 1;
    /** Exit code: the command line was wrong. */
    public static final int USAGE = 2;
    /** Exit code of a command that runs until stopped, stopped by SIGTERM (128 + 15, as the JVM exits). */
    public static final int SIGTERM = 143;

    private static final int MIN_HELP_WIDTH = 55;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace too.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits the JVM with its exit code. The CLI's own logging is set first
     * ({@link CliLogging}), so that no configuration of the application in the current directory or the
     * environment is read as the CLI's.
     */
    public static void main(String[] args) {
        CliLogging.install();
        System.exit(commandLine().execute(args));
    }

    /**
     * A ready-to-execute command line with Spool's error reporting; output goes to stdout/stderr. Help fits
     * the terminal: {@code $COLUMNS} when set, else the width picocli detects, else 80 columns.
     */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new SpoolCommand());
        CommandErrors errors = new CommandErrors();
        line.setParameterExceptionHandler(errors);
        line.setExecutionExceptionHandler(errors);
        Integer columns = columns(System.getenv("COLUMNS"));
        if (columns != null) {
            line.setUsageHelpWidth(columns);
        } else {
            line.setUsageHelpAutoWidth(true);
        }
        return line;
    }

    /** {@code $COLUMNS} as a help width, or null when unset or unusable (picocli needs at least 55). */
    static Integer columns(String env) {
        if (env == null || !env.trim().matches("[0-9]{1,4}")) {
            return null;
        }
        int columns = Integer.parseInt(env.trim());
        return columns < MIN_HELP_WIDTH ? null : columns;
    }

    /** {@code spool} without a command prints the help: it is what someone trying it wants to see. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }
}
