package io.streamlytics.query.funnels;

import io.streamlytics.query.model.Filter;
import io.streamlytics.query.model.FunnelQuery;
import io.streamlytics.query.sql.Buckets;
import io.streamlytics.query.sql.QueryRunner;
import io.streamlytics.query.sql.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Runs a funnel query: the statement of its view (see {@link FunnelSql}). */
public final class FunnelAnalysis {
    /**
     * Time-to-convert bins (seconds): 10 s, 30 s, 1, 5, 10, 30 min, 1, 3, 6, 12 h, 1, 2, 3, 7, 14,
     * 30 d.
     */
    static final long[] EDGES = {
        10, 30, 60, 300, 600, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 172_800, 259_200, 604_800,
        1_209_600, 2_592_000
    };

    private final QueryRunner runner;

    public FunnelAnalysis(QueryRunner runner) {
        this.runner = runner;
    }

    public FunnelResult run(FunnelQuery query, Scope scope) {
        FunnelSql sql = new FunnelSql(query, scope);
        return switch (query.view()) {
            case STEPS -> steps(query, scope, sql);
            case TIME_TO_CONVERT -> new FunnelResult(null, null, timeToConvert(sql), null, null);
            case TREND -> new FunnelResult(null, null, null, trend(query, scope, sql), null);
            case PEOPLE ->
                    new FunnelResult(
                            null,
                            null,
                            null,
                            null,
                            runner.rows(sql.list(query.people())).stream()
                                    .map(r -> r.path("person").asString())
                                    .toList());
        };
    }

    private FunnelResult steps(FunnelQuery query, Scope scope, FunnelSql sql) {
        List<JsonNode> overall = runner.rows(sql.steps(false));
        List<FunnelResult.Step> steps = steps(query, overall.isEmpty() ? null : overall.get(0));
        List<FunnelResult.Breakdown> breakdown = null;
        if (query.breakdown() != null && query.breakdown().bySegment()) {
            breakdown = new ArrayList<>();
            for (long segment : query.breakdown().segments()) {
                List<Filter> filters = new ArrayList<>(query.filters());
                filters.add(new Filter.InSegment(segment, false));
                FunnelQuery members =
                        new FunnelQuery(
                                query.range(),
                                filters,
                                query.steps(),
                                query.order(),
                                query.window(),
                                query.exclusions(),
                                null,
                                query.view(),
                                query.granularity(),
                                query.people());
                List<JsonNode> rows = runner.rows(new FunnelSql(members, scope).steps(false));
                breakdown.add(
                        new FunnelResult.Breakdown(
                                String.valueOf(segment),
                                steps(query, rows.isEmpty() ? null : rows.get(0))));
            }
        } else if (query.breakdown() != null) {
            breakdown = new ArrayList<>();
            for (JsonNode row : runner.rows(sql.steps(true))) {
                breakdown.add(
                        new FunnelResult.Breakdown(row.path("v").asString(), steps(query, row)));
            }
        }
        return new FunnelResult(steps, breakdown, null, null, null);
    }

    private static List<FunnelResult.Step> steps(FunnelQuery query, JsonNode row) {
        List<FunnelResult.Step> steps = new ArrayList<>();
        long first = row == null ? 0 : row.path("r1").asLong();
        long previous = first;
        for (int k = 1; k <= query.steps().size(); k++) {
            long people = row == null ? 0 : row.path("r" + k).asLong();
            steps.add(
                    new FunnelResult.Step(
                            k,
                            query.steps().get(k - 1).events().event(),
                            people,
                            share(people, first),
                            share(people, previous),
                            k == 1 || people == 0 ? null : row.path("m" + k).asDouble(),
                            k == 1 || people == 0 ? null : row.path("a" + k).asDouble()));
            previous = people;
        }
        return steps;
    }

    private FunnelResult.TimeToConvert timeToConvert(FunnelSql sql) {
        Map<Integer, Long> byBin = new HashMap<>();
        for (JsonNode row : runner.rows(sql.timeToConvert(EDGES))) {
            byBin.put(row.path("bin").asInt(), row.path("people").asLong());
        }
        List<FunnelResult.TimeToConvert.Bin> bins = new ArrayList<>();
        for (int b = 0; b <= EDGES.length; b++) {
            bins.add(
                    new FunnelResult.TimeToConvert.Bin(
                            b == 0 ? 0 : EDGES[b - 1],
                            b == EDGES.length ? null : EDGES[b],
                            byBin.getOrDefault(b, 0L)));
        }
        JsonNode summary = runner.rows(sql.timeToConvertSummary()).get(0);
        long people = summary.path("people").asLong();
        return new FunnelResult.TimeToConvert(
                people,
                people == 0 ? null : summary.path("mean").asDouble(),
                people == 0 ? null : summary.path("q").path(0).asDouble(),
                people == 0 ? null : summary.path("q").path(1).asDouble(),
                bins);
    }

    private List<FunnelResult.TrendPoint> trend(FunnelQuery query, Scope scope, FunnelSql sql) {
        Buckets buckets = new Buckets(query.granularity(), scope.zone());
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : runner.rows(sql.trend(buckets.sql("toDateTime(t)", scope.tz())))) {
            rows.put(row.path("b").asString(), row);
        }
        List<FunnelResult.TrendPoint> trend = new ArrayList<>();
        buckets.keys(scope.window())
                .forEach(
                        (key, label) -> {
                            JsonNode row = rows.get(key);
                            long entered = row == null ? 0 : row.path("entered").asLong();
                            long converted = row == null ? 0 : row.path("converted").asLong();
                            trend.add(
                                    new FunnelResult.TrendPoint(
                                            label, entered, converted, share(converted, entered)));
                        });
        return trend;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
