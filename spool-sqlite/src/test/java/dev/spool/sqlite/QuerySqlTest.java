package dev.spool.sqlite;

import dev.spool.store.LogQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuerySqlTest {

    @Test
    void valuesNeverBecomePartOfTheSqlText() {
        String evil = "x'; DROP TABLE logs; --";
        LogQuery q = LogQuery.builder().loggerPrefix(evil).thread(evil).correlationId(evil).field(evil, evil).text(evil).build();
        assertThat(QuerySql.of(q, false, true).where()).doesNotContain("DROP");
        assertThat(QuerySql.of(q, true, true).where()).doesNotContain("DROP");
    }
}
