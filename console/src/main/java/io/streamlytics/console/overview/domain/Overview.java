package io.streamlytics.console.overview.domain;

import java.util.List;

/**
 * A project at a glance: the preset reports of the Overview page.
 *
 * @param days the last 30 days (the project's timezone), oldest first
 * @param dau people active on each day
 * @param wau people active in the 7 days ending on each day
 * @param mau people active in the 30 days ending on each day
 * @param events events of each day
 * @param revenue the {@code revenue} property summed over the 30 days
 * @param liveUsers people active in the last 5 minutes (live metrics); -1 when unknown
 * @param topEvents the most frequent events of the last 7 days
 * @param topPages the most viewed pages ({@code $pathname} of page views) of the last 7 days
 * @param retention weekly retention averaged over the cohorts of the last 8 weeks: week 0 is 100
 */
public record Overview(
        List<String> days,
        List<Long> dau,
        List<Long> wau,
        List<Long> mau,
        List<Long> events,
        double revenue,
        long liveUsers,
        List<Ranked> topEvents,
        List<Ranked> topPages,
        List<Double> retention) {

    /** A name and how often. */
    public record Ranked(String name, long count) {}

    private static long last(List<Long> values) {
        return values.isEmpty() ? 0 : values.get(values.size() - 1);
    }

    public long dauToday() {
        return last(dau);
    }

    public long wauToday() {
        return last(wau);
    }

    public long mauToday() {
        return last(mau);
    }

    public long eventsToday() {
        return last(events);
    }

    /** Revenue per user active in the 30 days; 0 without users. */
    public double arpu() {
        return mauToday() == 0 ? 0 : revenue / mauToday();
    }

    /** Daily over monthly active people (0-1): how many come back day after day. */
    public double stickiness() {
        return mauToday() == 0 ? 0 : (double) dauToday() / mauToday();
    }
}
