package dev.spool.store.jdbc;

import dev.spool.Level;
import dev.spool.store.LogQuery;
import dev.spool.store.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhereClauseTest {

    @Test
    void sharedCriteriaBecomeFixedTextWithTheirValuesBound() {
        String evil = "x'; DROP TABLE logs; --";
        LogQuery q = LogQuery.builder().levelAtLeast(Level.WARN).sinceMicros(10).thread(evil).build();
        WhereClause sql = new WhereClause(StorableText.AS_IS).level(q).window(q.sinceMicros(), q.untilMicros())
                .equal("thread", q.thread()).equal("correlation_id", q.correlationId())
                .loggerPrefix(" AND (logger = ? OR (logger >= ? AND logger < ?))", evil);
        assertThat(sql.where()).isEqualTo(" WHERE 1 = 1 AND level >= ? AND ts >= ? AND thread = ?"
                + " AND (logger = ? OR (logger >= ? AND logger < ?))").doesNotContain("DROP");
    }

    @Test
    void theCursorContinuesInTheQuerysOrder() {
        LogQuery newest = LogQuery.builder().after(WhereClause.cursor(1_795_307_888_526_605L, 39_927)).build();
        assertThat(new WhereClause(StorableText.AS_IS).after(newest, "seq").where()).endsWith(" AND (ts, seq) < (?, ?)");
        LogQuery oldest = LogQuery.builder().after("5:6").order(Order.OLDEST_FIRST).build();
        assertThat(new WhereClause(StorableText.AS_IS).after(oldest, "id").where()).endsWith(" AND (ts, id) > (?, ?)");
        assertThat(new WhereClause(StorableText.AS_IS).after(LogQuery.all(), "id").where()).isEqualTo(" WHERE 1 = 1");
    }

    @Test
    void cursorsRoundTripAndGarbageIsRejected() {
        assertThat(WhereClause.parseCursor(WhereClause.cursor(1_795_307_888_526_605L, 39_927)))
                .containsExactly(1_795_307_888_526_605L, 39_927L);
        assertThatThrownBy(() -> WhereClause.parseCursor("12")).hasMessageContaining("bad cursor '12'");
    }

    @Test
    void likePatternsMatchWildcardsLiterally() {
        assertThat(WhereClause.containing("50%_a\\b")).isEqualTo("%50\\%\\_a\\\\b%");
    }
}
