package io.streamlytics.console.overview.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.console.live.service.LiveMetricsReader;
import io.streamlytics.console.overview.domain.Overview;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Overview page's numbers: preset queries of the query model (docs/query-model.md) through the
 * insights cache, and the live users from the live metrics.
 */
@Service
public class OverviewService {
    static final String ACTIVITY =
            """
            {"version": 1, "range": {"last": "30d"}, "granularity": "day", "series": [
              {"event": "*", "aggregation": {"type": "dau"}},
              {"event": "*", "aggregation": {"type": "wau"}},
              {"event": "*", "aggregation": {"type": "mau"}},
              {"event": "*"},
              {"event": "*", "aggregation": {"type": "sum", "property": "revenue"}}]}
            """;
    static final String TOP_EVENTS =
            """
            {"version": 1, "range": {"last": "7d"}, "granularity": "week",
             "series": [{"event": "*"}], "breakdown": {"property": "$event", "limit": 10}}
            """;
    static final String TOP_PAGES =
            """
            {"version": 1, "range": {"last": "7d"}, "granularity": "week",
             "filters": [{"property": "$event", "op": "equals", "value": ["page_view", "$pageview"]}],
             "series": [{"event": "*"}], "breakdown": {"property": "$pathname", "limit": 10}}
            """;
    static final String RETENTION =
            """
            {"version": 1, "range": {"last": "8w"}, "start": {"event": "*"}, "period": "week",
             "periods": 4}
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProjectAccess access;
    private final AuditLog audit;
    private final InsightQueries insights;
    private final LiveMetricsReader live;

    public OverviewService(
            ProjectAccess access, AuditLog audit, InsightQueries insights, LiveMetricsReader live) {
        this.access = access;
        this.audit = audit;
        this.insights = insights;
        this.live = live;
    }

    public Overview overview(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        audit.record(actor, projectId, "view overview", "");
        JsonNode activity = result(projectId, "trends", ACTIVITY);
        List<String> days = new ArrayList<>();
        activity.path("buckets").forEach(b -> days.add(b.asString()));
        JsonNode series = activity.path("series");
        LiveSnapshot now = live.snapshot(projectId);
        return new Overview(
                days,
                longs(series.get(0)),
                longs(series.get(1)),
                longs(series.get(2)),
                longs(series.get(3)),
                sum(series.get(4)),
                now.stale() && now.dataAgeMillis() < 0 ? -1 : now.activeUsers(),
                ranked(result(projectId, "trends", TOP_EVENTS)),
                ranked(result(projectId, "trends", TOP_PAGES)),
                retention(result(projectId, "retention", RETENTION)));
    }

    private JsonNode result(long projectId, String analysis, String query) {
        return JSON.readTree(insights.run(projectId, analysis, query)).path("result");
    }

    private static List<Long> longs(JsonNode series) {
        List<Long> values = new ArrayList<>();
        series.path("values").forEach(v -> values.add(v.isNull() ? 0 : Math.round(v.asDouble())));
        return values;
    }

    private static double sum(JsonNode series) {
        double total = 0;
        for (JsonNode v : series.path("values")) {
            total += v.isNull() ? 0 : v.asDouble();
        }
        return total;
    }

    /** A breakdown's lines as names with their totals, largest first. */
    private static List<Overview.Ranked> ranked(JsonNode trends) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (JsonNode line : trends.path("series")) {
            totals.merge(
                    line.path("breakdownValue").asString(""), Math.round(sum(line)), Long::sum);
        }
        return totals.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new Overview.Ranked(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Overview.Ranked::count).reversed())
                .toList();
    }

    /** The average retention in percent per week after the first (week 0 is everyone). */
    private static List<Double> retention(JsonNode table) {
        List<Double> average = new ArrayList<>();
        for (JsonNode rate : table.path("average")) {
            average.add(rate.isNull() ? null : rate.asDouble() * 100);
        }
        return average;
    }
}
