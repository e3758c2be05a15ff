package dev.spool.consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerSettingsTest {

    private static ConsumerSettings.Builder valid() {
        return ConsumerSettings.builder().amqpUri("amqp://guest:guest@127.0.0.1:5672/%2f").store("sqlite:logs/spool.db");
    }

    @Test
    void hasTheDocumentedDefaults() {
        ConsumerSettings s = valid().build();
        assertThat(s.queue()).isEqualTo("spool.events");
        assertThat(s.exchange()).isEqualTo("spool.events");
        assertThat(s.deadLetterExchange()).isEqualTo("spool.events.dlx");
        assertThat(s.deadLetterQueue()).isEqualTo("spool.events.dead");
        assertThat(s.workers()).isEqualTo(1);
        assertThat(s.prefetch()).isEqualTo(100);
        assertThat(s.batchEvents()).isEqualTo(1000);
        assertThat(s.batchTime()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.maxAttempts()).isEqualTo(5);
        assertThat(s.retryMinDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.retryMaxDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.messageTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(s.maxLength()).isEqualTo(1_000_000);
        assertThat(s.statusFile()).isNull();
    }

    @Nested
    class Uris {

        @Test
        void acceptsAmqpAndAmqpsWithOrWithoutVhost() {
            assertThat(valid().amqpUri("amqp://127.0.0.1").build().amqpUri()).isEqualTo("amqp://127.0.0.1");
            assertThat(valid().amqpUri("amqp://u:p@rabbit.internal:5673/prod").build().amqpUriForDisplay())
                    .isEqualTo("amqp://u:***@rabbit.internal:5673/prod");
        }

        @Test
        void refusesAMissingOrForeignUriNamingWhatIsAccepted() {
            assertThatThrownBy(() -> valid().amqpUri(null).build()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing amqpUri").hasMessageContaining("amqp://guest:guest@127.0.0.1:5672/%2f");
            assertThatThrownBy(() -> valid().amqpUri("http://127.0.0.1:5672").build())
                    .hasMessageContaining("bad value 'http://127.0.0.1:5672' for amqpUri")
                    .hasMessageContaining("expected amqp://USER:PASSWORD@HOST:PORT/VHOST");
            assertThatThrownBy(() -> valid().amqpUri("amqp://[bad").build())
                    .hasMessageContaining("for amqpUri");
        }

        @Test
        void neverShowsThePasswordInAnError() {
            assertThatThrownBy(() -> valid().amqpUri("amqp://user:secret@host:notaport/").build())
                    .hasMessageNotContaining("secret").hasMessageContaining("user:***@");
        }
    }

    @Nested
    class Stores {

        @Test
        void acceptsPostgresqlAndSqlite() {
            assertThat(valid().store("postgresql://127.0.0.1:5432/spool").build().store()).startsWith("postgresql://");
            assertThat(valid().store("jdbc:postgresql://127.0.0.1:5432/spool").build().store()).startsWith("jdbc:");
            assertThat(valid().store("sqlite:spool.db").build().store()).isEqualTo("sqlite:spool.db");
        }

        @Test
        void refusesOthersNamingBothForms() {
            assertThatThrownBy(() -> valid().store("mysql://x/y").build())
                    .hasMessageContaining("bad value 'mysql://x/y' for store")
                    .hasMessageContaining("postgresql://HOST:PORT/DATABASE").hasMessageContaining("sqlite:FILE");
            assertThatThrownBy(() -> valid().store("sqlite:").build()).hasMessageContaining("for store");
            assertThatThrownBy(() -> valid().store(null).build()).hasMessageContaining("missing store");
        }
    }

    @Nested
    class Ranges {

        @Test
        void refusesOutOfRangeNumbersNamingTheKeyAndTheRange() {
            assertThatThrownBy(() -> valid().workers(0).build()).hasMessage("bad value 0 for workers: expected 1 to 64");
            assertThatThrownBy(() -> valid().prefetch(0).build()).hasMessage("bad value 0 for prefetch: expected 1 to 65535");
            assertThatThrownBy(() -> valid().batchEvents(0).build()).hasMessageContaining("for batchEvents");
            assertThatThrownBy(() -> valid().maxAttempts(0).build()).hasMessageContaining("for maxAttempts");
            assertThatThrownBy(() -> valid().batchTime(Duration.ZERO).build())
                    .hasMessage("bad value PT0S for batchTime: expected PT0.001S to PT1M");
            assertThatThrownBy(() -> valid().retryDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                    .hasMessageContaining("for retryMaxDelay");
            assertThatThrownBy(() -> valid().queueType("stream").build())
                    .hasMessage("bad value 'stream' for queueType: expected classic or quorum");
            assertThatThrownBy(() -> valid().queue("").build()).hasMessageContaining("for queue");
        }
    }

    @Nested
    class ForeignTopology {

        @Test
        void servicesAreTheQueuesConsumedAndShareOneDeadLetterQueue() {
            ConsumerSettings s = valid().exchange("logs").exchangeType("direct").services(java.util.List.of("a", "b"))
                    .declare(false).build();
            assertThat(s.queues()).containsExactly("a", "b");
            assertThat(s.deadLetterQueue()).isEqualTo("logs.dead");
            assertThat(s.declare()).isFalse();
            assertThat(valid().build().queues()).containsExactly("spool.events");
            assertThat(valid().build().bindings()).containsExactly("#");
            assertThat(valid().build().accept()).isEqualTo(ConsumerSettings.Accept.AUTO);
            assertThat(valid().build().loghiveZone()).isEqualTo(java.time.ZoneId.of("UTC"));
        }

        @Test
        void badValuesNameTheSettingAndWhatIsAccepted() {
            assertThatThrownBy(() -> valid().exchangeType("fanout").build()).hasMessage(
                    "bad value 'fanout' for exchangeType: expected topic or direct");
            assertThatThrownBy(() -> valid().loghiveZone("Mars/Olympus").build())
                    .hasMessageStartingWith("bad value 'Mars/Olympus' for loghiveZone: expected a time zone");
            assertThatThrownBy(() -> valid().services(java.util.List.of("a", "")).build())
                    .hasMessageStartingWith("bad value '' for services");
            assertThatThrownBy(() -> valid().bindings(java.util.List.of()).build())
                    .hasMessageStartingWith("bad value [] for binding");
        }
    }
}
