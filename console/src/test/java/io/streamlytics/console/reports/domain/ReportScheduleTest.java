package io.streamlytics.console.reports.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {

    @Test
    void fiveFieldsAreReadAsCrontabInTheTimezoneAcrossDaylightSavingTime() {
        ReportSchedule mondays = ReportSchedule.parse(" 0  9 * * MON ", "Europe/Berlin");
        assertThat(mondays.cron()).isEqualTo("0 9 * * MON");
        // Berlin leaves summer time on Sunday 2026-10-25: 9:00 is 07:00 UTC before, 08:00 after
        assertThat(mondays.next(Instant.parse("2026-10-15T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-19T07:00:00Z"));
        assertThat(mondays.next(Instant.parse("2026-10-20T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void sixFieldsHaveSecondsFirstAndMacrosWork() {
        assertThat(
                        ReportSchedule.parse("*/10 * * * * *", "UTC")
                                .next(Instant.parse("2026-01-01T00:00:01Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
        ReportSchedule daily = ReportSchedule.parse("@daily", "");
        assertThat(daily.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(daily.next(Instant.parse("2026-01-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void mistakesAreSentencesThatSayWhatToWrite() {
        assertThatThrownBy(() -> ReportSchedule.parse("every monday", "UTC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The schedule \"every monday\" is not a cron expression")
                .hasMessageEndingWith("such as 0 9 * * MON for Mondays at 9:00.");
        assertThatThrownBy(() -> ReportSchedule.parse("0 9 * * *", "Mars/Olympus"))
                .hasMessage(
                        "Unknown timezone \"Mars/Olympus\": use a name such as Europe/Berlin or UTC.");
        assertThatThrownBy(() -> ReportSchedule.parse("* * * * * *", "UTC"))
                .hasMessage("The schedule * * * * * * fires more than once every 5 seconds.");
    }
}
