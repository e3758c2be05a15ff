/**
 * Alert rules on events (the consumer's committed ones, or any pipeline's through the {@code alert}
 * destination): a condition (level, service, logger, count per window) and an action (an HTTP webhook or
 * mail over SMTP), rate-limited and de-duplicated per window.
 *
 * <pre>
 * ingest thread(s) / pipeline writer       spool-alerts-1 (daemon)
 * Alerts.offer(event)                      Sender
 *   └─ per rule: match? ─> RuleWindow ──>  bounded queue ──> deliver (retries, backoff)
 *        (no I/O, no waiting      fires at most            │        ├─ WebhookAction (JSON POST)
 *         beyond a per-rule lock)  one notification       │        └─ SmtpAction (SmtpClient)
 *                                  per window       full? └─> counted drop
 * </pre>
 *
 * {@link dev.spool.alert.Alerts} is the entry point; {@link dev.spool.alert.AlertStats}
 * its counters. docs/alerts.md describes the configuration keys and the semantics.
 */
package dev.spool.alert;
