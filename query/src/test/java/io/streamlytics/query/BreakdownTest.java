package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.trends.TrendSeries;
import io.streamlytics.query.trends.TrendsResult;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A breakdown's top values are the same whether they are chosen from one scan of every value (few
 * values) or by ClickHouse first (many): most events first, ties by value.
 */
@ExtendWith(ClickHouseExtension.class)
class BreakdownTest {

    @Test
    void topValuesWithFewAndWithManyValues(ClickHouseServer server) {
        KnownEvents events = new KnownEvents(1);
        for (int i = 10; i < 40; i++) {
            events.add("p" + i, "e", "2026-01-01T10:00:00Z");
        }
        events.add("p33", "e", "2026-01-01T11:00:00Z").add("p20", "e", "2026-01-01T11:30:00Z");
        try (ClickHouse clickhouse = AnalysisDatabase.create(server, "query_breakdown")) {
            events.writeTo(clickhouse);
            QueryEngine engine = AnalysisDatabase.engine(clickhouse, "2026-01-02T00:00:00Z");
            for (int limit : new int[] {3, 20}) {
                // 3: 31 values need more than 4 rows per value asked for, so ClickHouse picks them
                TrendsResult result =
                        (TrendsResult)
                                engine.run(
                                        1,
                                        ZoneOffset.UTC,
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"from\": \"2026-01-01\", \"to\": \"2026-01-01\"},"
                                                + " \"series\": [{\"event\": \"e\", \"aggregation\": {\"type\": \"unique_users\"}}],"
                                                + " \"breakdown\": {\"property\": \"distinct_id\", \"limit\": "
                                                + limit
                                                + "}}");
                assertThat(result.series()).hasSize(limit);
                assertThat(result.series().subList(0, 3))
                        .extracting(TrendSeries::breakdownValue)
                        .containsExactly("d-p20", "d-p33", "d-p10");
                assertThat(result.series()).allMatch(s -> s.values().get(0) == 1.0);
            }
        }
    }
}
