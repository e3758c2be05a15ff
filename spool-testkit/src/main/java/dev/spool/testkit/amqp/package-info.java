/** The machine's real RabbitMQ for tests: started when it is down, outages and alarms for fault tests. */
package dev.spool.testkit.amqp;
