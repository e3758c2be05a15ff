package dev.spool.postgres;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexesTest {

    @Test
    void noSpecMeansTheDefaultAndNoneMeansNoOptionalIndex() {
        assertThat(Indexes.parse(null)).isEqualTo(Indexes.DEFAULT).containsExactly("warnings");
        assertThat(Indexes.parse("none")).isEmpty();
        assertThat(Indexes.parse("")).isEmpty();
    }

    @Test
    void allNamesEveryOptionalIndexAndAListNamesSome() {
        assertThat(Indexes.parse("all")).isEqualTo(Indexes.OPTIONAL.keySet());
        assertThat(Indexes.parse("text, Fields")).isEqualTo(Set.of("text", "fields"));
    }

    @Test
    void anUnknownNameIsRejectedWithWhatIsAccepted() {
        assertThatThrownBy(() -> Indexes.parse("level,trigram")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'trigram'").hasMessageContaining("level, logger, thread, correlation, fields, text, warnings");
    }

    @Test
    void eachOptionalIndexHasItsDatabaseName() {
        assertThat(Indexes.indexName("text")).isEqualTo("logs_message");
        assertThat(Indexes.indexName("level")).isEqualTo("logs_level_ts");
        assertThat(Indexes.indexName("warnings")).isEqualTo("logs_level_warn");
    }

    @Test
    void theIndexesAndIngestParametersAreReadBySpoolAndNotPassedToTheDriver() {
        String url = "postgresql://127.0.0.1:5432/spool?user=app&indexes=text,level&ssl=false&ingest=insert";
        assertThat(Database.parameter(url, "indexes")).isEqualTo("text,level");
        assertThat(Database.parameter(url, "ingest")).isEqualTo("insert");
        assertThat(Database.jdbcUrl(url)).isEqualTo("jdbc:postgresql://127.0.0.1:5432/spool?user=app&ssl=false");
        assertThat(Database.jdbcUrl("postgresql://h/d?indexes=none")).isEqualTo("jdbc:postgresql://h/d");
        assertThat(Database.parameter("postgresql://h/d", "indexes")).isNull();
    }

    @Test
    void aPasswordIsMaskedInMessages() {
        assertThat(Database.withoutCredentials("postgresql://h/d?user=u&password=secret&x=1"))
                .isEqualTo("postgresql://h/d?user=u&password=***&x=1");
    }
}
