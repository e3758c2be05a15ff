package dev.spool.cli.web;

import dev.spool.cli.store.AuditReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Percent-decoding of query parameters: exact, or a 400 naming the parameter (cases found by ApiFuzzTest);
 * and the parameters of {@code /api/audit}, read as {@code spool audit} reads its options.
 */
class ParamsTest {

    @Test
    void decodesEscapesPlusAndCharactersOutsideTheBasicPlane() {
        assertThat(Params.decode("a+b%20c%C3%A9%F0%9F%98%80\uD83D\uDE00", "parameter 'q'")).isEqualTo("a b cé\uD83D\uDE00\uD83D\uDE00");
    }

    @Test
    void refusesAnEscapeWithDigitsOfAnotherScript() {
        // Character.digit takes fullwidth and other scripts' digits: %１１ was decoded as the byte 0x11
        assertThatThrownBy(() -> Params.decode("%\uFF11\uFF11", "parameter 'q'")).isInstanceOf(HttpError.class)
                .hasMessageContaining("parameter 'q'").hasMessageContaining("bad percent escape");
    }

    @Test
    void refusesALoneSurrogateInsteadOfMakingItAQuestionMark() {
        assertThatThrownBy(() -> Params.decode("a\uD800+", "parameter 'q'")).isInstanceOf(HttpError.class)
                .hasMessageContaining("parameter 'q'").hasMessageContaining("not UTF-8");
    }

    @Nested
    class AuditParameters {

        @Test
        void takesSinceAndSilentAfterOnceEachAndNamesThemWhenOneIsMisspelt() {
            Params p = Params.parse("since=all&silent_after=1%6D", Api.AUDIT, Set.of());
            assertThat(p.get("since")).isEqualTo("all");
            assertThat(p.get("silent_after")).isEqualTo("1m");
            assertThatThrownBy(() -> Params.parse("silent-after=1m", Api.AUDIT, Set.of())).isInstanceOf(HttpError.class)
                    .hasMessage("unknown parameter 'silent-after'; this endpoint takes silent_after, since");
            assertThatThrownBy(() -> Params.parse("since=1h&since=2h", Api.AUDIT, Set.of())).isInstanceOf(HttpError.class)
                    .hasMessage("parameter 'since' given more than once");
        }

        @Test
        void aSilenceLimitIsAtLeastAMillisecondAndFitsInMicroseconds() {
            assertThat(AuditReport.silentAfter("parameter 'silent_after'", "1ms")).isEqualTo(Duration.ofMillis(1));
            assertThat(AuditReport.silentAfter("parameter 'silent_after'", "106751d")).isEqualTo(Duration.ofDays(106_751));
            for (String bad : new String[] {"0s", "999us", "106752d", "-1s", "1 minute", "", "PT-5S"}) {
                assertThatThrownBy(() -> AuditReport.silentAfter("parameter 'silent_after'", bad)).as(bad)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("bad value '" + bad + "' for parameter 'silent_after': expected " + AuditReport.SILENCE_ACCEPTED);
            }
        }

        @Test
        void theWindowTakesWhatEveryTimeParameterTakes() {
            Instant now = Instant.parse("2026-12-06T00:00:00Z");
            assertThat(AuditReport.since("parameter 'since'", "all", now)).isEqualTo(Long.MIN_VALUE);
            assertThat(AuditReport.since("parameter 'since'", "24h", now)).isEqualTo(1_796_428_800_000_000L);
            assertThatThrownBy(() -> AuditReport.since("parameter 'since'", "999999999d", now))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 'since'");
            assertThatThrownBy(() -> AuditReport.since("parameter 'since'", "yesterday", now))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad value 'yesterday' for parameter 'since'");
        }
    }
}
