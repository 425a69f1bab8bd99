package io.streamlytics.query.model;

import io.streamlytics.core.text.Durations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The time an analysis covers: the last N units up to now, or from/to. Days and weeks are whole
 * days in the project's timezone (today included); seconds, minutes and hours are exact. Dates in
 * from/to are whole days, both inclusive; date-times are exact.
 */
public record TimeRange(String last, String from, String to) {

    public static TimeRange last(String duration) {
        return new TimeRange(duration, null, null);
    }

    public static TimeRange between(String from, String to) {
        return new TimeRange(null, from, to);
    }

    /** The range as instants, {@code to} exclusive. */
    public Window resolve(Instant now, ZoneId zone) {
        if (last != null) {
            char unit = last.charAt(last.length() - 1);
            if (unit == 'd' || unit == 'w') {
                long days = Durations.parse(last).toDays();
                LocalDate first = now.atZone(zone).toLocalDate().minusDays(days - 1);
                return new Window(first.atStartOfDay(zone).toInstant(), now);
            }
            return new Window(now.minus(Durations.parse(last)), now);
        }
        Instant start = startOf(from, zone);
        Instant end =
                to.length() == 10
                        ? LocalDate.parse(to).plusDays(1).atStartOfDay(zone).toInstant()
                        : LocalDateTime.parse(to).atZone(zone).toInstant();
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "range: \"to\" (" + to + ") must come after \"from\" (" + from + ")");
        }
        return new Window(start, end);
    }

    private static Instant startOf(String moment, ZoneId zone) {
        return moment.length() == 10
                ? LocalDate.parse(moment).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(LocalDateTime.parse(moment), zone).toInstant();
    }

    /** A resolved range: {@code from} inclusive, {@code to} exclusive. */
    public record Window(Instant from, Instant to) {
        public java.time.Duration length() {
            return java.time.Duration.between(from, to);
        }

        /** The window of the same length just before this one. */
        public Window previous() {
            return new Window(from.minus(length()), from);
        }
    }
}
