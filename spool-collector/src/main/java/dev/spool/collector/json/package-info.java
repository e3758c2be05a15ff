/**
 * Reading Spool's JSON Lines event schema strictly, for events that arrive from other processes (the
 * collector's connections, the consumer's RabbitMQ messages): {@link dev.spool.collector.json.JsonEventReader}.
 * Every input is bounded before it is held; unknown keys and malformed values are refused with a reason.
 */
package dev.spool.collector.json;
