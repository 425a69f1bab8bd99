package io.streamlytics.console.reports.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The preset reports: the Overview's numbers as queries of the query model (docs/query-model.md),
 * over the last 30 days (retention: 8 weeks) in the project's timezone.
 */
public enum Preset {
    DAU(
            "dau",
            "Daily active people",
            "trends",
            daily("{\"event\": \"*\", \"aggregation\": {\"type\": \"dau\"}}", "")),
    WAU(
            "wau",
            "Weekly active people",
            "trends",
            daily("{\"event\": \"*\", \"aggregation\": {\"type\": \"wau\"}}", "")),
    MAU(
            "mau",
            "Monthly active people",
            "trends",
            daily("{\"event\": \"*\", \"aggregation\": {\"type\": \"mau\"}}", "")),
    STICKINESS(
            "stickiness",
            "Stickiness (DAU / MAU, %)",
            "trends",
            daily(
                    "{\"event\": \"*\", \"aggregation\": {\"type\": \"dau\"}},"
                            + " {\"event\": \"*\", \"aggregation\": {\"type\": \"mau\"}}",
                    "A / B * 100")),
    REVENUE(
            "revenue",
            "Revenue",
            "trends",
            daily(
                    "{\"event\": \"*\", \"aggregation\": {\"type\": \"sum\", \"property\": \"revenue\"}}",
                    "")),
    ARPU(
            "arpu",
            "ARPU (revenue per daily active person)",
            "trends",
            daily(
                    "{\"event\": \"*\", \"aggregation\": {\"type\": \"sum\", \"property\": \"revenue\"}},"
                            + " {\"event\": \"*\", \"aggregation\": {\"type\": \"dau\"}}",
                    "A / B")),
    RETENTION(
            "retention",
            "Weekly retention",
            "retention",
            "{\"version\": 1, \"range\": {\"last\": \"8w\"}, \"start\": {\"event\": \"*\"},"
                    + " \"period\": \"week\", \"periods\": 4}");

    private final String key;
    private final String title;
    private final String analysis;
    private final String query;

    Preset(String key, String title, String analysis, String query) {
        this.key = key;
        this.title = title;
        this.analysis = analysis;
        this.query = query;
    }

    private static String daily(String series, String formula) {
        return "{\"version\": 1, \"range\": {\"last\": \"30d\"}, \"granularity\": \"day\","
                + " \"series\": ["
                + series
                + "]"
                + (formula.isEmpty() ? "" : ", \"formula\": \"" + formula + "\"")
                + "}";
    }

    public static Optional<Preset> of(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** The analysis that runs the query: {@code trends} or {@code retention}. */
    public String analysis() {
        return analysis;
    }

    public String query() {
        return query;
    }
}
