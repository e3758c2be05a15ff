package dev.spool.sqlite;

import dev.spool.store.LogQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogQuerySqlTest {

    @Test
    void valuesNeverBecomePartOfTheSqlText() {
        String evil = "x'; DROP TABLE logs; --";
        LogQuery q = LogQuery.builder().loggerPrefix(evil).thread(evil).correlationId(evil).field(evil, evil).text(evil).build();
        assertThat(new LogQuerySql(q, false, true).where()).doesNotContain("DROP");
        assertThat(new LogQuerySql(q, true, true).where()).doesNotContain("DROP");
    }

    @Test
    void cursorsRoundTripAndGarbageIsRejected() {
        assertThat(LogQuerySql.parseCursor(LogQuerySql.cursor(1_795_307_888_526_605L, 39_927))).containsExactly(1_795_307_888_526_605L, 39_927L);
        assertThatThrownBy(() -> LogQuerySql.parseCursor("12")).hasMessageContaining("bad cursor '12'");
    }
}
