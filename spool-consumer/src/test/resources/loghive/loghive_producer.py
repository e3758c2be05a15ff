"""A producer written as Loghive's users write one, against the API its README documents
(LoggerClient(service_name, rabbitmq_url).log(level, message, information), close()), publishing with
pika to a direct exchange, per service a durable queue with Loghive's QUEUE_ARGUMENTS, persistent
messages, publisher confirms. Used by LoghiveProducerIT; written for it (no code of Loghive's).

usage: loghive_producer.py AMQP_URL EXCHANGE COUNT SERVICE [SERVICE ...]
Sends COUNT messages per service, cycling levels DEBUG INFO WARNING ERROR CRITICAL, then the first
message of the first service once more, byte for byte (as a producer's retry after a lost confirm
would), and prints "sent N" with the number of distinct messages.
"""
import datetime
import json
import sys

import pika

QUEUE_ARGUMENTS = {
    "x-message-ttl": 604800000,  # 7 days, as Loghive declares its queues
    "x-max-length": 1000000,
}
LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class LoggerClient:
    def __init__(self, service_name, rabbitmq_url, exchange):
        self.service_name = service_name
        self.exchange = exchange
        self.connection = pika.BlockingConnection(pika.URLParameters(rabbitmq_url))
        self.channel = self.connection.channel()
        self.channel.confirm_delivery()
        self.channel.exchange_declare(exchange=exchange, exchange_type="direct", durable=True)
        self.channel.queue_declare(queue=service_name, durable=True, arguments=QUEUE_ARGUMENTS)
        self.channel.queue_bind(queue=service_name, exchange=exchange, routing_key=service_name)
        self.last_body = None

    def log(self, level, message, information=None):
        body = json.dumps({
            "service": self.service_name,
            "level": level,
            "message": message,
            "information": information or {},
            "timestamp": datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S"),
        }).encode("utf-8")
        self.publish(body)
        self.last_body = body

    def publish(self, body):
        # mandatory: a message routed nowhere raises UnroutableError instead of vanishing
        self.channel.basic_publish(exchange=self.exchange, routing_key=self.service_name, body=body,
                                   properties=pika.BasicProperties(delivery_mode=2, content_type="application/json"),
                                   mandatory=True)

    def close(self):
        self.connection.close()


def main():
    url, exchange, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    services = sys.argv[4:]
    sent = 0
    first = None
    clients = [LoggerClient(s, url, exchange) for s in services]
    for i in range(count):
        for c in clients:
            c.log(LEVELS[i % len(LEVELS)], "%s step %d done" % (c.service_name, i),
                  {"user_id": "123", "seq": i, "ratio": i / 4, "ok": i % 2 == 0, "code": "042"})
            sent += 1
            if first is None:
                first = (c, c.last_body)
    first[0].publish(first[1])  # the same bytes again: stored once
    for c in clients:
        c.close()
    print("sent %d" % sent)


if __name__ == "__main__":
    main()
