package io.streamlytics.query.trends;

import io.streamlytics.query.model.Aggregation;
import io.streamlytics.query.model.Filter;
import io.streamlytics.query.model.Formula;
import io.streamlytics.query.model.Granularity;
import io.streamlytics.query.model.TrendsQuery;
import io.streamlytics.query.sql.Buckets;
import io.streamlytics.query.sql.QueryRunner;
import io.streamlytics.query.sql.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Runs a trends query: one SQL statement per series (and per period when comparing). */
public final class TrendsAnalysis {
    private final QueryRunner runner;
    private final boolean rollups;

    /**
     * @param rollups whether series may read the people-per-hour rollup where it gives the same
     *     answer ({@link PeopleHourly}); without, every series reads {@code events}
     */
    public TrendsAnalysis(QueryRunner runner, boolean rollups) {
        this.runner = runner;
        this.rollups = rollups;
    }

    public TrendsResult run(TrendsQuery query, Scope scope) {
        if (query.breakdown() != null && query.breakdown().bySegment()) {
            return bySegment(query, scope);
        }
        return runOnce(query, scope);
    }

    /** Each segment's lines, named by the segment's id, from the query narrowed to its members. */
    private TrendsResult bySegment(TrendsQuery query, Scope scope) {
        List<String> buckets = null;
        List<TrendSeries> lines = new ArrayList<>();
        for (long segment : query.breakdown().segments()) {
            List<Filter> filters = new ArrayList<>(query.filters());
            filters.add(new Filter.InSegment(segment, false));
            TrendsResult result =
                    runOnce(
                            new TrendsQuery(
                                    query.range(),
                                    filters,
                                    query.series(),
                                    query.granularity(),
                                    null,
                                    query.compare(),
                                    query.formula()),
                            scope);
            buckets = result.buckets();
            for (TrendSeries line : result.series()) {
                lines.add(
                        new TrendSeries(
                                line.name(),
                                line.event(),
                                line.aggregation(),
                                String.valueOf(segment),
                                line.previousPeriod(),
                                line.values()));
            }
        }
        return new TrendsResult(buckets, lines);
    }

    private TrendsResult runOnce(TrendsQuery query, Scope scope) {
        Granularity granularity =
                query.series().stream().anyMatch(s -> s.aggregation().type().rolling())
                        ? Granularity.DAY
                        : query.granularity();
        Buckets buckets = new Buckets(granularity, scope.zone());
        boolean stickiness =
                query.series().stream()
                        .anyMatch(s -> s.aggregation().type() == Aggregation.Type.STICKINESS);
        Map<String, String> bucketLabels = buckets.keys(scope.window());
        List<String> keys = new ArrayList<>(bucketLabels.keySet());
        List<String> labels = new ArrayList<>(bucketLabels.values());
        if (stickiness) {
            keys = numbers(keys.size());
            labels = keys;
        }
        List<TrendSeries> lines = new ArrayList<>();
        List<Map<String, List<Double>>> current = new ArrayList<>();
        for (int i = 0; i < query.series().size(); i++) {
            TrendsQuery.Series series = query.series().get(i);
            String name = letter(i);
            Map<String, List<Double>> byValue = values(query, series, scope, buckets, keys);
            current.add(byValue);
            byValue.forEach(
                    (value, values) -> lines.add(line(query, series, name, value, false, values)));
            if (query.compare()) {
                Scope before = scope.over(scope.window().previous());
                List<String> previousKeys =
                        series.aggregation().type() == Aggregation.Type.STICKINESS
                                ? keys
                                : align(
                                        new ArrayList<>(buckets.keys(before.window()).keySet()),
                                        keys.size());
                values(query, series, before, buckets, previousKeys)
                        .forEach(
                                (value, values) ->
                                        lines.add(line(query, series, name, value, true, values)));
            }
        }
        if (query.formula() != null) {
            lines.addAll(formula(query, current, keys.size()));
        }
        return new TrendsResult(labels, lines);
    }

    private Map<String, List<Double>> values(
            TrendsQuery query,
            TrendsQuery.Series series,
            Scope scope,
            Buckets buckets,
            List<String> keys) {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (JsonNode row : rows(query, series, scope, buckets, keys.size())) {
            JsonNode value = row.path("value");
            rows.computeIfAbsent(row.path("v").asString(), v -> new HashMap<>())
                    .put(row.path("b").asString(), value.isNull() ? null : value.asDouble());
        }
        if (rows.isEmpty() && query.breakdown() == null) {
            rows.put("", Map.of());
        }
        Map<String, List<Double>> byValue = new LinkedHashMap<>();
        boolean zeroWhenAbsent =
                !series.aggregation().type().needsProperty()
                        || series.aggregation().type() == Aggregation.Type.SUM;
        rows.forEach(
                (value, byKey) -> {
                    List<Double> values = new ArrayList<>(keys.size());
                    for (String key : keys) {
                        Double v = byKey.get(key);
                        values.add(
                                v == null && zeroWhenAbsent && !byKey.containsKey(key) ? 0.0 : v);
                    }
                    byValue.put(value, values);
                });
        return byValue;
    }

    /**
     * The rows of the breakdown's top values, most events first (ties by value). A breakdown with
     * few values is read in one scan and its top values chosen here; one with many (more rows than
     * 4 per value asked for and bucket) lets ClickHouse choose them first.
     */
    private List<JsonNode> rows(
            TrendsQuery query, TrendsQuery.Series series, Scope scope, Buckets buckets, int size) {
        SeriesRows source =
                rollups
                        ? SeriesRows.fastest(query, series, scope, buckets.granularity())
                        : SeriesRows.events(query, series, scope);
        if (!SeriesSql.plain(query, series)) {
            return runner.rows(SeriesSql.of(query, series, source, scope, buckets));
        }
        int limit = query.breakdown().limit();
        List<JsonNode> rows =
                runner.rowsUpTo(
                                SeriesSql.withEveryValue(series, source, scope, buckets),
                                (long) size * limit * 4)
                        .orElseGet(
                                () ->
                                        runner.rows(
                                                SeriesSql.of(
                                                        query, series, source, scope, buckets)));
        Map<String, Long> events = new HashMap<>();
        rows.forEach(
                r -> events.merge(r.path("v").asString(), r.path("events").asLong(), Long::sum));
        Map<String, Integer> rank = new HashMap<>();
        events.entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> rank.put(e.getKey(), rank.size()));
        return rows.stream()
                .filter(r -> rank.containsKey(r.path("v").asString()))
                .sorted(java.util.Comparator.comparing(r -> rank.get(r.path("v").asString())))
                .toList();
    }

    private static List<TrendSeries> formula(
            TrendsQuery query, List<Map<String, List<Double>>> series, int size) {
        Formula formula = Formula.compile(query.formula(), series.size());
        Set<String> values = new LinkedHashSet<>();
        series.forEach(s -> values.addAll(s.keySet()));
        List<TrendSeries> lines = new ArrayList<>();
        for (String value : values) {
            List<Double> result = new ArrayList<>(size);
            for (int b = 0; b < size; b++) {
                Map<String, Double> variables = new HashMap<>();
                for (int i = 0; i < series.size(); i++) {
                    List<Double> line = series.get(i).get(value);
                    Double v = line == null ? null : line.get(b);
                    variables.put(letter(i), v == null ? 0.0 : v);
                }
                double r = formula.evaluate(variables);
                result.add(Double.isFinite(r) ? r : null);
            }
            lines.add(
                    new TrendSeries(
                            "formula",
                            query.formula(),
                            "formula",
                            query.breakdown() == null ? null : value,
                            false,
                            result));
        }
        return lines;
    }

    private static TrendSeries line(
            TrendsQuery query,
            TrendsQuery.Series series,
            String name,
            String value,
            boolean previous,
            List<Double> values) {
        return new TrendSeries(
                name,
                series.events().event(),
                series.aggregation().type().name().toLowerCase(Locale.ROOT),
                query.breakdown() == null ? null : value,
                previous,
                values);
    }

    /** The previous period's buckets matched to the current ones by position. */
    private static List<String> align(List<String> keys, int size) {
        List<String> aligned =
                new ArrayList<>(keys.subList(Math.max(0, keys.size() - size), keys.size()));
        while (aligned.size() < size) {
            aligned.add(0, "");
        }
        return aligned;
    }

    private static List<String> numbers(int n) {
        List<String> numbers = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            numbers.add(String.valueOf(i));
        }
        return numbers;
    }

    static String letter(int i) {
        return String.valueOf((char) ('A' + i));
    }
}
