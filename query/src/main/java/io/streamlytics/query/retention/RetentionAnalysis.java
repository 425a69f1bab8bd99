package io.streamlytics.query.retention;

import io.streamlytics.query.model.Filter;
import io.streamlytics.query.model.RetentionQuery;
import io.streamlytics.query.sql.QueryRunner;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Runs a retention query (see {@link RetentionSql}) and marks periods that have not ended. */
public final class RetentionAnalysis {
    private final QueryRunner runner;

    public RetentionAnalysis(QueryRunner runner) {
        this.runner = runner;
    }

    public RetentionTable run(RetentionQuery query, Scope scope, Instant now) {
        RetentionTable all = table(query, scope, now);
        if (query.breakdown() == null || !query.breakdown().bySegment()) {
            return all;
        }
        List<RetentionTable.Breakdown> breakdown = new ArrayList<>();
        for (long segment : query.breakdown().segments()) {
            List<Filter> filters = new ArrayList<>(query.filters());
            filters.add(new Filter.InSegment(segment, false));
            RetentionTable members =
                    table(
                            new RetentionQuery(
                                    query.range(),
                                    filters,
                                    query.start(),
                                    query.returning(),
                                    query.period(),
                                    query.periods(),
                                    query.mode(),
                                    query.unbounded(),
                                    null),
                            scope,
                            now);
            breakdown.add(
                    new RetentionTable.Breakdown(
                            String.valueOf(segment), members.cohorts(), members.average()));
        }
        return new RetentionTable(all.period(), all.cohorts(), all.average(), breakdown);
    }

    private RetentionTable table(RetentionQuery query, Scope scope, Instant now) {
        ZonedDateTime until = scope.window().to().atZone(scope.zone());
        Instant end =
                min(
                        now,
                        plus(query, until.toLocalDate(), query.periods() + 1)
                                .atStartOfDay(scope.zone())
                                .toInstant());
        LocalDate today = now.atZone(scope.zone()).toLocalDate();
        int n = query.periods() + 1;
        List<RetentionTable.Cohort> cohorts = new ArrayList<>();
        long[] sizes = new long[n];
        long[] retained = new long[n];
        Map<String, long[]> counts = new TreeMap<>();
        for (JsonNode row : runner.rows(RetentionSql.of(query, scope, end))) {
            long[] byPeriod =
                    counts.computeIfAbsent(row.path("cohort").asString(), c -> new long[n]);
            int period = row.path("n").asInt();
            byPeriod[period < 0 ? 0 : period] += row.path("people").asLong();
        }
        for (Map.Entry<String, long[]> cohort : counts.entrySet()) {
            LocalDate start = LocalDate.parse(cohort.getKey());
            long[] byPeriod = cohort.getValue();
            if (query.unbounded()) {
                // rows hold each person's last return: back in n or later is a sum from the end
                for (int p = n - 2; p >= 1; p--) {
                    byPeriod[p] += byPeriod[p + 1];
                }
            }
            long size = byPeriod[0];
            List<Long> back = new ArrayList<>(n);
            List<Double> rates = new ArrayList<>(n);
            for (int p = 0; p < n; p++) {
                // a period that has not begun yet has no number; the current one counts so far
                if (plus(query, start, p).isAfter(today)) {
                    back.add(null);
                    rates.add(null);
                    continue;
                }
                back.add(byPeriod[p]);
                rates.add(size == 0 ? 0 : (double) byPeriod[p] / size);
                sizes[p] += size;
                retained[p] += byPeriod[p];
            }
            cohorts.add(new RetentionTable.Cohort(start.toString(), size, back, rates));
        }
        List<Double> average = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            average.add(sizes[p] == 0 ? null : (double) retained[p] / sizes[p]);
        }
        return new RetentionTable(
                query.period().name().toLowerCase(Locale.ROOT), cohorts, average, null);
    }

    private static LocalDate plus(RetentionQuery query, LocalDate date, int periods) {
        return switch (query.period()) {
            case DAY -> date.plusDays(periods);
            case WEEK -> date.plusWeeks(periods);
            case MONTH -> date.plusMonths(periods);
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
