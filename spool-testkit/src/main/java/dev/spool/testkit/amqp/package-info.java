/**
 * The machine's real RabbitMQ for tests: {@link dev.spool.testkit.amqp.Broker} (started when it is down,
 * outages and alarms for fault tests, reading queues) and exchange and queue names of a test's own,
 * {@link dev.spool.testkit.amqp.TestTopology} ({@link dev.spool.testkit.amqp.ScratchTopology} outside JUnit).
 */
package dev.spool.testkit.amqp;
