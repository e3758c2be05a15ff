/**
 * The {@code spool} command: {@link dev.spool.cli.SpoolCommand} parses the command line, dispatches to
 * one class per subcommand and turns failures into exit codes (0 ok, 1 the job failed, 2 usage error)
 * with a one-line message on stderr.
 */
package dev.spool.cli;
