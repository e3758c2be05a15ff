package dev.spool.amqp;

import dev.spool.spi.Options;
import dev.spool.spi.durable.DurableQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without {@code spool.dir}, processes of one service take the first free default directory: real
 * queues, real directory locks.
 */
class DefaultSpoolDirTest {

    @TempDir
    Path state;

    private final AmqpSettings.SpoolSettings settings =
            AmqpSettings.fromOptions(new Options("destination.mq.", Map.of())).spool();

    @Test
    void aSecondHolderTakesTheNextDirectoryAndALaterOneTheFirstFree() throws Exception {
        Path base = state.resolve("spool/amqp/billing/mq");
        try (DurableQueue first = AmqpSink.openDefault("mq", settings, base);
             DurableQueue second = AmqpSink.openDefault("mq", settings, base)) {
            assertThat(first.settings().dir()).isEqualTo(base);
            assertThat(second.settings().dir()).isEqualTo(state.resolve("spool/amqp/billing/mq-1"));
            first.close();
            try (DurableQueue third = AmqpSink.openDefault("mq", settings, base)) {
                assertThat(third.settings().dir()).as("the first, free again: what it holds is sent").isEqualTo(base);
            }
        }
    }

    @Test
    void whenEveryDefaultDirectoryIsHeldTheErrorSaysToSetSpoolDir() throws Exception {
        Path base = state.resolve("spool/amqp/billing/mq");
        java.util.List<DurableQueue> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < AmqpSink.DEFAULT_DIR_SLOTS; i++) {
                held.add(AmqpSink.openDefault("mq", settings, base));
            }
            assertThatThrownBy(() -> AmqpSink.openDefault("mq", settings, base)).hasMessageContaining("set spool.dir")
                    .hasMessageContaining("are all in use");
        } finally {
            for (DurableQueue q : held) {
                q.close();
            }
        }
    }
}
