package dev.spool.postgres;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionsTest {

    @Test
    void aDayIsTheUtcCalendarDayOfTheTimestampIncludingBeforeTheEpoch() {
        assertThat(Partitions.day(0)).isZero();
        assertThat(Partitions.day(Partitions.DAY_MICROS - 1)).isZero();
        assertThat(Partitions.day(-1)).isEqualTo(-1);
    }

    @Test
    void partitionNamesCarryTheDateAndReadBack() {
        long day = LocalDate.of(2025, 11, 22).toEpochDay();
        assertThat(Partitions.name("logs", day)).isEqualTo("logs_20251122");
        assertThat(Partitions.dayOf("logs", "logs_20251122")).isEqualTo(day);
    }

    @Test
    void daysOutsideFourDigitYearsAreNamedByNumber() {
        long far = LocalDate.of(20000, 1, 1).toEpochDay();
        assertThat(Partitions.name("metrics", far)).isEqualTo("metrics_d" + far);
        assertThat(Partitions.dayOf("metrics", "metrics_d" + far)).isEqualTo(far);
        long ancient = LocalDate.of(500, 1, 1).toEpochDay();
        assertThat(Partitions.name("logs", ancient)).isEqualTo("logs_dm" + -ancient);
        assertThat(Partitions.dayOf("logs", "logs_dm" + -ancient)).isEqualTo(ancient);
    }

    @Test
    void aTableThatIsNotOneOfOursIsIgnored() {
        assertThat(Partitions.dayOf("logs", "logs_archive")).isNull();
    }
}
