package io.streamlytics.console.reports.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a report goes out: a cron expression read in a timezone, so "9 o'clock on Mondays" stays 9
 * o'clock across daylight saving time. Five fields as in crontab ({@code 0 9 * * MON}), six with
 * seconds first, or a macro ({@code @daily}, {@code @weekly}, {@code @monthly}).
 */
public record ReportSchedule(String cron, ZoneId zone) {
    private static final int SHORTEST_SECONDS = 5;

    /** The schedule, or an {@link IllegalArgumentException} that says what to write instead. */
    public static ReportSchedule parse(String cron, String zone) {
        String text = cron == null ? "" : cron.strip().replaceAll("\\s+", " ");
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "Unknown timezone \"" + zone + "\": use a name such as Europe/Berlin or UTC.");
        }
        ReportSchedule schedule = new ReportSchedule(text, zoneId);
        schedule.check();
        return schedule;
    }

    /** A schedule as stored: it was checked when it was saved. */
    public static ReportSchedule stored(String cron, String zone) {
        return new ReportSchedule(cron, ZoneId.of(zone));
    }

    /** The first time after {@code after} that the schedule fires. */
    public Instant next(Instant after) {
        ZonedDateTime next = expression().next(after.atZone(zone));
        if (next == null) {
            throw new IllegalArgumentException("The schedule " + cron + " never fires.");
        }
        return next.toInstant();
    }

    private CronExpression expression() {
        String spring = cron.startsWith("@") || cron.split(" ").length != 5 ? cron : "0 " + cron;
        CronExpression expression;
        try {
            expression = CronExpression.parse(spring);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The schedule \""
                            + cron
                            + "\" is not a cron expression ("
                            + e.getMessage()
                            + "): write five fields, minute hour day-of-month month day-of-week,"
                            + " such as 0 9 * * MON for Mondays at 9:00.");
        }
        return expression;
    }

    /** Refuses a schedule that never fires or fires more often than every 5 seconds. */
    private void check() {
        CronExpression expression = expression();
        ZonedDateTime first = expression.next(ZonedDateTime.now(zone));
        ZonedDateTime second = first == null ? null : expression.next(first);
        if (first == null) {
            throw new IllegalArgumentException("The schedule " + cron + " never fires.");
        }
        if (second != null && second.toEpochSecond() - first.toEpochSecond() < SHORTEST_SECONDS) {
            throw new IllegalArgumentException(
                    "The schedule " + cron + " fires more than once every 5 seconds.");
        }
    }
}
