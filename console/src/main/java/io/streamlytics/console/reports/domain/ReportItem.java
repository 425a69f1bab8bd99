package io.streamlytics.console.reports.domain;

/**
 * One part of a report: a saved insight (by id) or a preset (by key); exactly one is set.
 *
 * @param insightId the saved insight's id, or 0
 * @param preset the preset's key, or null
 */
public record ReportItem(long insightId, String preset) {
    public ReportItem {
        if ((insightId > 0) == (preset != null)) {
            throw new IllegalArgumentException("a report item is a saved insight or a preset");
        }
    }

    public static ReportItem insight(long id) {
        return new ReportItem(id, null);
    }

    public static ReportItem preset(Preset preset) {
        return new ReportItem(0, preset.key());
    }
}
