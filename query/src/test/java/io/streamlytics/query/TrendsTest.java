package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.trends.TrendSeries;
import io.streamlytics.query.trends.TrendsResult;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trends over hand-counted events in Europe/Berlin around the start of summer time (29 March 2026,
 * 02:00 becomes 03:00): which day and hour each event falls in is the project's local time.
 */
@ExtendWith(ClickHouseExtension.class)
class TrendsTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String HOSTILE_NAME = "a\"b'c\\";
    static final String HOSTILE_VALUE = "x'); DROP TABLE events; --";
    static final String DAYS = "\"range\": {\"from\": \"2026-03-27\", \"to\": \"2026-03-29\"}";

    static ClickHouse clickhouse;
    static QueryEngine engine;

    @BeforeAll
    static void load(ClickHouseServer server) {
        clickhouse = AnalysisDatabase.create(server, "query_trends");
        new KnownEvents(1)
                .add(
                        "a",
                        "page_view",
                        "2026-03-27T10:00:00Z",
                        Map.of("plan", "pro", "price", 10),
                        Map.of("browser", "Chrome"))
                .add(
                        "a",
                        "page_view",
                        "2026-03-27T11:00:00Z",
                        Map.of("plan", "pro"),
                        Map.of("browser", "Chrome"))
                // 23:30 in Berlin: still the 27th
                .add(
                        "b",
                        "page_view",
                        "2026-03-27T22:30:00Z",
                        Map.of("plan", "free", "price", "20"),
                        Map.of("browser", "Firefox"))
                // 00:30 in Berlin: already the 29th
                .add(
                        "b",
                        "page_view",
                        "2026-03-28T23:30:00Z",
                        Map.of("price", 30),
                        Map.of("browser", "Firefox"))
                .add(
                        "c",
                        "purchase",
                        "2026-03-28T09:00:00Z",
                        Map.of("price", 100, HOSTILE_NAME, HOSTILE_VALUE),
                        Map.of())
                // 01:10+01:00, then 03:10+02:00: an hour apart, two local hours skipped between
                .add("a", "purchase", "2026-03-29T00:10:00Z", Map.of("price", 50), Map.of())
                .add(
                        "c",
                        "page_view",
                        "2026-03-29T01:10:00Z",
                        Map.of("plan", "Pro Max"),
                        Map.of("browser", "Safari"))
                .writeTo(clickhouse);
        // another project's event never shows
        new KnownEvents(2).add("a", "page_view", "2026-03-27T10:00:00Z").writeTo(clickhouse);
        engine = AnalysisDatabase.engine(clickhouse, "2026-03-30T12:00:00Z");
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    static TrendsResult trends(String body) {
        return (TrendsResult)
                engine.run(1, BERLIN, "{\"version\": 1, \"kind\": \"trends\", " + body + "}");
    }

    static List<Double> values(TrendsResult result, int line) {
        return result.series().get(line).values();
    }

    static List<Double> list(double... values) {
        return Arrays.stream(values).boxed().toList();
    }

    @Test
    void countsEventsPerLocalDay() {
        TrendsResult result =
                trends(
                        DAYS
                                + ", \"series\": [{\"event\": \"page_view\"},"
                                + " {\"event\": \"page_view\", \"aggregation\": {\"type\": \"unique_users\"}},"
                                + " {\"event\": \"page_view\", \"aggregation\": {\"type\": \"per_user_average\"}},"
                                + " {\"event\": \"*\"}]");

        assertThat(result.buckets()).containsExactly("2026-03-27", "2026-03-28", "2026-03-29");
        assertThat(values(result, 0)).isEqualTo(list(3, 0, 2));
        assertThat(values(result, 1)).isEqualTo(list(2, 0, 2));
        assertThat(values(result, 2)).isEqualTo(list(1.5, 0, 1));
        assertThat(values(result, 3)).isEqualTo(list(3, 1, 3));
    }

    @Test
    void hoursFollowTheClockChange() {
        TrendsResult result =
                trends(
                        "\"range\": {\"from\": \"2026-03-29T00:00\", \"to\": \"2026-03-29T03:59\"},"
                                + " \"granularity\": \"hour\", \"series\": [{\"event\": \"*\"}]");

        assertThat(result.buckets())
                .containsExactly(
                        "2026-03-29T00:00+01:00",
                        "2026-03-29T01:00+01:00",
                        "2026-03-29T03:00+02:00");
        assertThat(values(result, 0)).isEqualTo(list(1, 1, 1));
    }

    @Test
    void aggregatesANumericPropertyWrittenAsNumberOrText() {
        TrendsResult result =
                trends(
                        DAYS
                                + ", \"series\": ["
                                + series("sum")
                                + ", "
                                + series("avg")
                                + ", "
                                + series("min")
                                + ", "
                                + series("max")
                                + ", "
                                + series("p99")
                                + ", "
                                + series("p50")
                                + "]");

        assertThat(values(result, 0)).isEqualTo(list(30, 100, 80));
        assertThat(values(result, 1)).isEqualTo(list(15, 100, 40));
        assertThat(values(result, 2)).isEqualTo(list(10, 100, 30));
        assertThat(values(result, 3)).isEqualTo(list(20, 100, 50));
        assertThat(values(result, 4)).isEqualTo(list(20, 100, 50));
        assertThat(values(result, 5).get(1)).isEqualTo(100.0);
    }

    private static String series(String type) {
        return "{\"event\": \"*\", \"aggregation\": {\"type\": \""
                + type
                + "\", \"property\": \"price\"}}";
    }

    @Test
    void filtersByEveryOperator() {
        assertThat(
                        pageViews(
                                "{\"property\": \"plan\", \"op\": \"equals\", \"value\": [\"pro\", \"free\"]}"))
                .isEqualTo(3);
        assertThat(
                        pageViews(
                                "{\"property\": \"plan\", \"op\": \"not_equals\", \"value\": \"pro\"}"))
                .isEqualTo(3);
        assertThat(pageViews("{\"property\": \"plan\", \"op\": \"contains\", \"value\": \"PRO\"}"))
                .isEqualTo(3);
        assertThat(
                        pageViews(
                                "{\"property\": \"plan\", \"op\": \"not_contains\", \"value\": \"pro\"}"))
                .isEqualTo(2);
        assertThat(pageViews("{\"property\": \"plan\", \"op\": \"regex\", \"value\": \"^Pro\"}"))
                .isEqualTo(1);
        assertThat(
                        pageViews(
                                "{\"property\": \"plan\", \"op\": \"not_regex\", \"value\": \"^Pro\"}"))
                .isEqualTo(4);
        assertThat(pageViews("{\"property\": \"price\", \"op\": \"gt\", \"value\": 15}"))
                .isEqualTo(2);
        assertThat(pageViews("{\"property\": \"price\", \"op\": \"lte\", \"value\": 20}"))
                .isEqualTo(2);
        assertThat(pageViews("{\"property\": \"price\", \"op\": \"equals\", \"value\": 30.0}"))
                .isEqualTo(1);
        assertThat(pageViews("{\"property\": \"price\", \"op\": \"is_set\"}")).isEqualTo(3);
        assertThat(pageViews("{\"property\": \"price\", \"op\": \"is_not_set\"}")).isEqualTo(2);
        assertThat(
                        pageViews(
                                "{\"property\": \"$browser\", \"op\": \"equals\", \"value\": \"Chrome\"}"))
                .isEqualTo(2);
        assertThat(
                        pageViews(
                                "{\"or\": [{\"property\": \"plan\", \"op\": \"equals\", \"value\": \"free\"},"
                                        + " {\"and\": [{\"property\": \"price\", \"op\": \"gte\", \"value\": 30},"
                                        + " {\"property\": \"$browser\", \"op\": \"equals\", \"value\": \"Firefox\"}]}]}"))
                .isEqualTo(2);
    }

    private static double pageViews(String filter) {
        TrendsResult result =
                trends(
                        DAYS
                                + ", \"series\": [{\"event\": \"page_view\", \"filters\": ["
                                + filter
                                + "]}]");
        return values(result, 0).stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void hostilePropertyNamesAndValuesAreOnlyData() {
        String name = io.streamlytics.query.sql.PropertySqlAccess.jsonString(HOSTILE_NAME);
        String value = io.streamlytics.query.sql.PropertySqlAccess.jsonString(HOSTILE_VALUE);
        TrendsResult result =
                trends(
                        DAYS
                                + ", \"series\": [{\"event\": \"*\", \"filters\": [{\"property\": "
                                + name
                                + ", \"op\": \"equals\", \"value\": "
                                + value
                                + "}]}], \"breakdown\": {\"property\": "
                                + name
                                + "}");

        assertThat(result.series()).hasSize(1);
        assertThat(result.series().get(0).breakdownValue()).isEqualTo(HOSTILE_VALUE);
        assertThat(values(result, 0)).isEqualTo(list(0, 1, 0));
        assertThat(clickhouse.queryLong("SELECT count() AS n FROM query_trends.events", "n"))
                .isEqualTo(8);
    }

    @Test
    void breaksDownByTheMostFrequentValues() {
        TrendsResult result =
                trends(
                        DAYS
                                + ", \"series\": [{\"event\": \"page_view\"}],"
                                + " \"breakdown\": {\"property\": \"$browser\", \"limit\": 2}");

        assertThat(result.series())
                .extracting(TrendSeries::breakdownValue)
                .containsExactlyInAnyOrder("Chrome", "Firefox");
        TrendSeries firefox =
                result.series().stream()
                        .filter(s -> s.breakdownValue().equals("Firefox"))
                        .findFirst()
                        .orElseThrow();
        assertThat(firefox.values()).isEqualTo(list(1, 0, 1));
    }

    @Test
    void comparesWithThePreviousPeriodAndCombinesSeries() {
        TrendsResult compared =
                trends(
                        "\"range\": {\"from\": \"2026-03-29\", \"to\": \"2026-03-29\"},"
                                + " \"series\": [{\"event\": \"*\"}], \"compare\": true");
        assertThat(compared.series())
                .extracting(TrendSeries::previousPeriod)
                .containsExactly(false, true);
        assertThat(values(compared, 0)).isEqualTo(list(3));
        assertThat(values(compared, 1)).isEqualTo(list(1));

        TrendsResult formula =
                trends(
                        DAYS
                                + ", \"series\": [{\"event\": \"*\"}, {\"event\": \"purchase\"}],"
                                + " \"formula\": \"B / A * 100\"");
        List<Double> share = values(formula, 2);
        assertThat(share.get(0)).isEqualTo(0.0);
        assertThat(share.get(1)).isEqualTo(100.0);
        assertThat(share.get(2)).isCloseTo(33.333, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void rollingActiveUsersAndStickiness() {
        TrendsResult result =
                trends(
                        DAYS
                                + ", \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \"dau\"}},"
                                + " {\"event\": \"*\", \"aggregation\": {\"type\": \"wau\"}}]");
        assertThat(values(result, 0)).isEqualTo(list(2, 1, 3));
        assertThat(values(result, 1)).isEqualTo(list(2, 3, 3));

        TrendsResult sticky =
                trends(
                        DAYS
                                + ", \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \"stickiness\"}}]");
        assertThat(sticky.buckets()).containsExactly("1", "2", "3");
        assertThat(values(sticky, 0)).isEqualTo(list(0, 3, 0));
    }
}
