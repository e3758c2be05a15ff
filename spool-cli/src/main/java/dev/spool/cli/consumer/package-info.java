/**
 * {@code spool consume} runs the ingest consumer ({@link dev.spool.consumer.Consumer}) until stopped, with
 * a status line; {@code spool status --consumer} reads the status file a running one keeps up to date.
 */
package dev.spool.cli.consumer;
