package dev.spool.store.jdbc;

import dev.spool.store.RetentionPolicy;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionScheduleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final RetentionPolicy WEEK = new RetentionPolicy(Duration.ofDays(7), 0);

    private final List<Long> deletions = new ArrayList<>();

    private RetentionSchedule.Chunk deleting(long... counts) {
        return (policy, maxRows, nowMicros) -> {
            assertThat(policy).isEqualTo(WEEK);
            assertThat(maxRows).isEqualTo(RetentionSchedule.CHUNK_ROWS);
            long n = counts[Math.min(deletions.size(), counts.length - 1)];
            deletions.add(n);
            return n;
        };
    }

    @Test
    void runsOnceAnIntervalWhenNothingIsBehind() throws SQLException {
        RetentionSchedule schedule = new RetentionSchedule(WEEK, Duration.ofMinutes(1));
        RetentionSchedule.Chunk chunk = deleting(10);
        schedule.runIfDue(0, chunk);
        schedule.runIfDue(59 * SECOND, chunk);
        assertThat(deletions).containsExactly(10L);
        schedule.runIfDue(60 * SECOND, chunk);
        assertThat(deletions).containsExactly(10L, 10L);
        assertThat(schedule.isBehind()).isFalse();
    }

    @Test
    void aFullChunkIsFollowedByAnotherAtOnceUntilOneIsNotFull() throws SQLException {
        RetentionSchedule schedule = new RetentionSchedule(WEEK, Duration.ofMinutes(1));
        RetentionSchedule.Chunk chunk = deleting(RetentionSchedule.CHUNK_ROWS, RetentionSchedule.CHUNK_ROWS, 3);
        schedule.runIfDue(0, chunk);
        assertThat(schedule.isBehind()).isTrue();
        schedule.runIfDue(1, chunk);
        schedule.runIfDue(2, chunk);
        assertThat(schedule.isBehind()).isFalse();
        schedule.runIfDue(3, chunk);
        assertThat(deletions).containsExactly(5_000L, 5_000L, 3L);
    }

    @Test
    void aPolicyThatKeepsEverythingNeverRuns() throws SQLException {
        RetentionSchedule schedule = new RetentionSchedule(RetentionPolicy.KEEP_ALL, Duration.ofMinutes(1));
        schedule.runIfDue(0, (policy, maxRows, nowMicros) -> {
            throw new AssertionError("ran");
        });
        assertThat(schedule.isBehind()).isFalse();
    }

    @Test
    void aFailedChunkIsRethrownAndTriedAgainAnIntervalLater() throws SQLException {
        RetentionSchedule schedule = new RetentionSchedule(WEEK, Duration.ofMinutes(1));
        assertThatThrownBy(() -> schedule.runIfDue(0, (policy, maxRows, nowMicros) -> {
            throw new SQLException("locked");
        })).hasMessage("locked");
        assertThat(schedule.isBehind()).isFalse();
        RetentionSchedule.Chunk chunk = deleting(1);
        schedule.runIfDue(SECOND, chunk);
        assertThat(deletions).isEmpty();
        schedule.runIfDue(60 * SECOND, chunk);
        assertThat(deletions).containsExactly(1L);
    }

    @Test
    void anIntervalThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new RetentionSchedule(WEEK, Duration.ZERO)).hasMessageContaining("retentionInterval");
    }
}
