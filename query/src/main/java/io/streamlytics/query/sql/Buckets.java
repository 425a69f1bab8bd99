package io.streamlytics.query.sql;

import io.streamlytics.query.QueryLimitException;
import io.streamlytics.query.model.Granularity;
import io.streamlytics.query.model.TimeRange.Window;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time buckets in the project's timezone. SQL and Java agree on each bucket's key: its start as
 * Unix seconds for minutes and hours (a repeated hour when clocks go back is two buckets), its
 * first day for days, weeks (Monday) and months. Labels are local times with their offset, or
 * dates.
 */
public record Buckets(Granularity granularity, ZoneId zone) {
    public static final int MAX_BUCKETS = 5000;
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");

    /** The bucket key of {@code timestamp}, as a string expression. */
    public String sql(String tz) {
        return sql("timestamp", tz);
    }

    /** The bucket key of a DateTime expression, as a string expression. */
    public String sql(String time, String tz) {
        return switch (granularity) {
            case MINUTE -> "toString(toUInt32(toStartOfMinute(" + time + ")))";
            case HOUR -> "toString(toUInt32(toStartOfHour(" + time + ", " + tz + ")))";
            case DAY -> "toString(toDate(" + time + ", " + tz + "))";
            case WEEK -> "toString(toMonday(toDate(" + time + ", " + tz + ")))";
            case MONTH -> "toString(toStartOfMonth(toDate(" + time + ", " + tz + ")))";
        };
    }

    /** Every bucket that overlaps the window, in order: key to label. */
    public Map<String, String> keys(Window window) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (granularity == Granularity.MINUTE || granularity == Granularity.HOUR) {
            ChronoUnit unit =
                    granularity == Granularity.MINUTE ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
            Instant at = window.from().atZone(zone).truncatedTo(unit).toInstant();
            for (; at.isBefore(window.to()); at = at.plus(1, unit)) {
                limit(keys);
                keys.put(String.valueOf(at.getEpochSecond()), LOCAL_TIME.format(at.atZone(zone)));
            }
            return keys;
        }
        LocalDate last = window.to().minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate day = first(window.from().atZone(zone));
                !day.isAfter(last);
                day = next(day)) {
            limit(keys);
            keys.put(day.toString(), day.toString());
        }
        return keys;
    }

    private LocalDate first(ZonedDateTime from) {
        LocalDate day = from.toLocalDate();
        return switch (granularity) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    private LocalDate next(LocalDate day) {
        return switch (granularity) {
            case WEEK -> day.plusWeeks(1);
            case MONTH -> day.plusMonths(1);
            default -> day.plusDays(1);
        };
    }

    private void limit(Map<String, String> keys) {
        if (keys.size() >= MAX_BUCKETS) {
            throw new QueryLimitException(
                    "more than "
                            + MAX_BUCKETS
                            + " "
                            + granularity.name().toLowerCase()
                            + " buckets: choose a coarser granularity or a shorter range");
        }
    }
}
