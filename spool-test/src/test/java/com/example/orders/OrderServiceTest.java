package com.example.orders;

import dev.spool.Context;
import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.test.CapturedEvent;
import dev.spool.test.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of docs/testing.md, compiled and run (DocsExamplesTest keeps the guide in step). */
class OrderServiceTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final OrderService orders = new OrderService();

    @Test
    void warnsWhenAPaymentIsSlow() {
        orders.pay("o-1", Duration.ofMillis(812));

        logs.expect().level(Level.WARN).logger("app.orders")
                .message("slow payment").field("order", "o-1").field("ms", 812).once();
    }

    @Test
    void saysNothingWhenAPaymentIsFast() {
        orders.pay("o-1", Duration.ofMillis(20));

        logs.expect().none();
    }

    @Test
    void logsAFailureWithItsCauseAndTheRequest() {
        try (Context.Scope request = Spool.correlationId("r-42")) {
            orders.fail("o-2");
        }

        CapturedEvent failure = logs.expect().level(Level.ERROR).context("correlation_id", "r-42")
                .exception(IOException.class).once();
        assertThat(failure.message()).isEqualTo("payment for o-2 failed");
        assertThat(failure.exception()).hasMessage("gateway timeout");
    }
}
