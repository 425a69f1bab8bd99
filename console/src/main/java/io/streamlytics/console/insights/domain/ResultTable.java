package io.streamlytics.console.insights.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * An analysis' result (JSON, docs/query-model.md) as a table of text cells, for files and grids:
 * trends by bucket with a column per line; funnels by step; retention by cohort with the share
 * retained in each period (%); paths by path.
 */
public record ResultTable(List<String> columns, List<List<String>> rows) {

    /** The table of a result of {@code kind} ({@code trends, funnel, retention, paths}). */
    public static ResultTable of(String kind, JsonNode result) {
        return switch (kind) {
            case "trends" -> trends(result);
            case "funnel", "funnels" -> funnel(result);
            case "retention" -> retention(result);
            case "paths" -> paths(result);
            default -> throw new IllegalArgumentException("no table for " + kind);
        };
    }

    /** A trends line's label: "A · purchase · sum · DE (previous period)". */
    public static String label(JsonNode line) {
        StringBuilder label =
                new StringBuilder(line.path("name").asString())
                        .append(" · ")
                        .append(line.path("event").asString())
                        .append(" · ")
                        .append(line.path("aggregation").asString());
        if (line.hasNonNull("breakdownValue")) {
            label.append(" · ").append(line.path("breakdownValue").asString());
        }
        if (line.path("previousPeriod").asBoolean(false)) {
            label.append(" (previous period)");
        }
        return label.toString();
    }

    private static ResultTable trends(JsonNode result) {
        List<String> columns = new ArrayList<>(List.of("bucket"));
        result.path("series").forEach(line -> columns.add(label(line)));
        List<List<String>> rows = new ArrayList<>();
        JsonNode buckets = result.path("buckets");
        for (int i = 0; i < buckets.size(); i++) {
            List<String> row = new ArrayList<>(List.of(buckets.get(i).asString()));
            for (JsonNode line : result.path("series")) {
                row.add(number(line.path("values").path(i)));
            }
            rows.add(row);
        }
        return new ResultTable(columns, rows);
    }

    private static ResultTable funnel(JsonNode result) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode step : result.path("steps")) {
            rows.add(
                    List.of(
                            step.path("step").asString(),
                            step.path("event").asString(),
                            number(step.path("people")),
                            percent(step.path("conversion")),
                            percent(step.path("fromPrevious")),
                            number(step.path("medianSeconds"))));
        }
        return new ResultTable(
                List.of(
                        "step",
                        "event",
                        "people",
                        "conversion %",
                        "from previous step %",
                        "median seconds from previous step"),
                rows);
    }

    private static ResultTable retention(JsonNode result) {
        int periods = 0;
        for (JsonNode cohort : result.path("cohorts")) {
            periods = Math.max(periods, cohort.path("rates").size());
        }
        String period = result.path("period").asString("period");
        List<String> columns = new ArrayList<>(List.of("cohort", "people"));
        for (int p = 0; p < periods; p++) {
            columns.add(period + " " + p + " %");
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode cohort : result.path("cohorts")) {
            List<String> row =
                    new ArrayList<>(
                            List.of(cohort.path("start").asString(), number(cohort.path("size"))));
            for (int p = 0; p < periods; p++) {
                row.add(percent(cohort.path("rates").path(p)));
            }
            rows.add(row);
        }
        return new ResultTable(columns, rows);
    }

    private static ResultTable paths(JsonNode result) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode path : result.path("paths")) {
            List<String> steps = new ArrayList<>();
            path.path("elements").forEach(e -> steps.add(e.asString()));
            rows.add(List.of(String.join(" → ", steps), number(path.path("people"))));
        }
        return new ResultTable(List.of("path", "people"), rows);
    }

    /** A number as written in a file: integers without decimals, others with at most 4. */
    private static String number(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        double d = value.asDouble();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
    }

    private static String percent(JsonNode share) {
        if (share.isMissingNode() || share.isNull()) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f", share.asDouble() * 100);
    }
}
