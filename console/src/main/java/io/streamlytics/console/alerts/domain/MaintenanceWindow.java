package io.streamlytics.console.alerts.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A weekly quiet time for a rule's alerts (ruleId null: every rule): on {@code days}, from {@code
 * starts} local time in {@code zone}, for {@code duration} (it may run past midnight).
 */
public record MaintenanceWindow(
        long id,
        long projectId,
        String name,
        String ruleId,
        Set<DayOfWeek> days,
        LocalTime starts,
        Duration duration,
        ZoneId zone) {

    /** When the window that covers {@code now} ends; empty when none does. */
    public Optional<Instant> activeUntil(Alert alert, Instant now) {
        if (ruleId != null && !ruleId.equals(alert.ruleId())) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        long daysBack = duration.toDays() + 1;
        for (long back = 0; back <= daysBack; back++) {
            LocalDate day = today.minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            // a start in a DST gap moves forward, as ZonedDateTime.of does
            Instant start = ZonedDateTime.of(day, starts, zone).toInstant();
            Instant end = start.plus(duration);
            if (!now.isBefore(start) && now.isBefore(end)) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }
}
