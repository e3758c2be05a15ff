/**
 * Reading Spool's JSON Lines event schema strictly, for events that arrive from other processes (the
 * collector's connections, the consumer's RabbitMQ messages): {@link dev.spool.collector.json.JsonEventReader}.
 * Every input is bounded before it is held; unknown keys and malformed values are refused with a reason.
 * The common shape of a line (a log event as JsonFormat writes it) is read straight from its bytes by a
 * direct reader; every other line, and every line with something wrong, goes through the general reader,
 * which parses it into a tree and is the one that says what is wrong.
 */
package dev.spool.collector.json;
