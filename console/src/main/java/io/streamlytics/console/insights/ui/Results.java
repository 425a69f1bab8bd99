package io.streamlytics.console.insights.ui;

import io.streamlytics.console.base.ui.ChartOptions;
import io.streamlytics.console.insights.domain.ResultTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An analysis' result (JSON, docs/query-model.md) as what the charts draw: the builders' and the
 * dashboards'.
 */
public final class Results {
    private Results() {}

    /** A trends result's buckets. */
    public static List<String> buckets(JsonNode trends) {
        List<String> buckets = new ArrayList<>();
        trends.path("buckets").forEach(b -> buckets.add(b.asString()));
        return buckets;
    }

    /** A trends result's lines by label ("A · purchase · sum · DE (previous period)"). */
    public static Map<String, List<Double>> lines(JsonNode trends) {
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        for (JsonNode line : trends.path("series")) {
            List<Double> values = new ArrayList<>();
            line.path("values").forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
            lines.put(ResultTable.label(line), values);
        }
        return lines;
    }

    /**
     * The number view of a trends result: its first line summed over the range when its counts add
     * up (events, sums), else its latest value (people, averages, quantiles), saying so.
     */
    public static String headline(JsonNode trends) {
        JsonNode first = trends.path("series").path(0);
        String aggregation = first.path("aggregation").asString("total");
        boolean additive = aggregation.equals("total") || aggregation.equals("sum");
        double value = 0;
        for (JsonNode v : first.path("values")) {
            if (!v.isNull()) {
                value = additive ? value + v.asDouble() : v.asDouble();
            }
        }
        return String.format(java.util.Locale.ROOT, "%,.2f", value).replaceAll("\\.00$", "")
                + (additive ? "" : " (latest)");
    }

    /** A paths result's edges as the flows of a Sankey chart. */
    public static List<ChartOptions.Flow> flows(JsonNode paths) {
        List<ChartOptions.Flow> flows = new ArrayList<>();
        for (JsonNode e : paths.path("edges")) {
            flows.add(
                    new ChartOptions.Flow(
                            e.path("step").asInt(),
                            e.path("from").asString(),
                            e.path("to").asString(),
                            e.path("people").asLong()));
        }
        return flows;
    }
}
