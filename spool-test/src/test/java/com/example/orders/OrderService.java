package com.example.orders;

import dev.spool.Logger;
import dev.spool.Spool;

import java.io.IOException;
import java.time.Duration;

/** The code under test of the examples in docs/testing.md. */
final class OrderService {

    private static final Logger LOG = Spool.logger("app.orders");

    void pay(String orderId, Duration took) {
        if (took.toMillis() > 500) {
            LOG.atWarn().kv("order", orderId).kv("ms", took.toMillis()).log("slow payment");
        }
    }

    void fail(String orderId) {
        LOG.atError().kv("order", orderId).exception(new IOException("gateway timeout"))
                .log("payment for {} failed", orderId);
    }
}
