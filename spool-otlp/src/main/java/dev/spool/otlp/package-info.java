/**
 * The {@code otlp} destination: events leave as OpenTelemetry log records without being lost.
 *
 * <pre>
 *  writer thread                              disk                  sender thread (spool-otlp-1)
 *  write: log record -> open request   flush: sealed requests   read in order, POST /v1/logs (up to
 *         (protobuf or JSON)   ───────────────> DurableQueue ───────> requests.maxOutstanding at once),
 *                                                   ^               commit the prefix answered for good
 *                                                   │               (2xx, partial, other 4xx): RequestWindow
 *                                                   └── kept on 429/5xx/connection failure: Retry-After
 *                                                       or backoff, then again from the first request
 *                                                       not answered for good
 * </pre>
 *
 * <p>Public entry types: {@link dev.spool.otlp.OtlpSinkProvider} (the {@code otlp} type),
 * {@link dev.spool.otlp.OtlpSettings} (its validated options), {@link dev.spool.otlp.OtlpHealth},
 * {@link dev.spool.otlp.OtlpDestinations} and {@link dev.spool.otlp.OtlpDestinationMXBean} (status).
 */
package dev.spool.otlp;
