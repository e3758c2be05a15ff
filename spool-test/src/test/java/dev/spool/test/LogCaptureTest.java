package dev.spool.test;

import dev.spool.Context;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The capture and its assertions, as a user's test uses them (this module's tests run in parallel). */
class LogCaptureTest {

    private static final Logger LOG = Spool.logger("capture.test");

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Nested
    class WhatIsCaptured {

        @Test
        void levelLoggerMessageFieldsContextAndException() {
            IOException disk = new IOException("disk full");
            try (Context.Scope ignored = Context.scoped("request_id", "r-1")) {
                LOG.atError().kv("order", 42).kv("retry", true).exception(disk).log("payment {} failed", "p-7");
            }
            CapturedEvent event = logs.expect().level(Level.ERROR).logger("capture.test")
                    .message("payment p-7 failed").field("order", 42).field("retry", true)
                    .context("request_id", "r-1").exception(IOException.class).exceptionMessage("disk full").once();
            assertThat(event.exception()).isSameAs(disk);
            assertThat(event.thread()).isEqualTo(Thread.currentThread().getName());
            assertThat(event.fields()).containsExactly(
                    org.assertj.core.api.Assertions.entry("order", 42L), org.assertj.core.api.Assertions.entry("retry", true));
        }

        @Test
        void eventsInOrderAndMessages() {
            LOG.info("one");
            LOG.warn("two {}", 2);
            assertThat(logs.messages()).containsExactly("one", "two 2");
            assertThat(logs.events()).extracting(CapturedEvent::level).containsExactly(Level.INFO, Level.WARN);
        }

        @Test
        void whatTheLevelsDoNotLetThroughIsNotCaptured() {
            LOG.debug("below the default INFO");
            logs.expect().none();
        }

        @Test
        void eventsOfOtherThreadsAreNotThisTestsByDefault() throws Exception {
            CompletableFuture.runAsync(() -> LOG.info("from a pool thread")).get(30, TimeUnit.SECONDS);
            LOG.info("from the test");
            assertThat(logs.messages()).containsExactly("from the test");
        }

        @Test
        void clearForgetsWhatCameBefore() {
            LOG.info("before");
            logs.clear();
            LOG.info("after");
            assertThat(logs.messages()).containsExactly("after");
        }
    }

    @Nested
    class Expectations {

        @Test
        void countsHoldOrFailListingWhatWasCaptured() {
            LOG.info("a");
            LOG.info("a");
            LOG.warn("b");
            assertThat(logs.expect().message("a").times(2)).hasSize(2);
            assertThat(logs.expect().level(Level.WARN).exists().message()).isEqualTo("b");
            logs.expect().level(Level.ERROR).none();
            assertThatThrownBy(() -> logs.expect().message("a").once())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected exactly 1 event with message 'a'; found 2 among 3 captured:")
                    .hasMessageContaining("\n  WARN capture.test - b");
            assertThatThrownBy(() -> logs.expect().level(Level.ERROR).exists())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("at least 1 event with level ERROR; found 0");
            assertThatThrownBy(() -> logs.expect().level(Level.WARN).none()).isInstanceOf(AssertionError.class);
        }

        @Test
        void numbersCompareByValue() {
            LOG.atInfo().kv("ms", 812).kv("ratio", 0.5).kv("name", "x").log("timed");
            logs.expect().field("ms", 812L).field("ms", 812).field("ms", 812.0).field("ratio", 0.50).once();
            logs.expect().field("ms", 813).none();
            logs.expect().field("name", 1).none();
            logs.expect().hasField("ratio").matching("ms above 800", e -> ((Number) e.fields().get("ms")).longValue() > 800).once();
        }
    }

    @Nested
    class BadInput {

        @Test
        void maxEventsMustBeAtLeastOne() {
            assertThatThrownBy(() -> new LogCapture().maxEvents(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad value 0 for maxEvents: expected at least 1");
        }

        @Test
        void outsideATestThreadThereIsNoCapture() throws Exception {
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    logs.events();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertThat(failure.get(30, TimeUnit.SECONDS)).hasMessageStartingWith("no capture on thread");
        }
    }
}
