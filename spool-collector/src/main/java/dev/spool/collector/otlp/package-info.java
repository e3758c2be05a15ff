/**
 * Reading OTLP/HTTP logs requests (protobuf and JSON) into Spool events, for the collector's
 * {@code otlp+http://} listener. {@link dev.spool.collector.otlp.OtlpLogsDecoder} is the entry point;
 * the readers behind it refuse hostile input with a reason (docs/otlp.md, "Spool's receiver").
 */
package dev.spool.collector.otlp;
