package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlytics.query.model.Aggregation;
import io.streamlytics.query.model.Filter;
import io.streamlytics.query.model.FunnelQuery;
import io.streamlytics.query.model.QueryReader;
import io.streamlytics.query.model.TimeRange;
import io.streamlytics.query.model.TrendsQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QueryReaderTest {
    static final QueryReader READER = QueryReader.load();

    static InvalidQueryException invalid(String json) {
        try {
            READER.read(json);
        } catch (InvalidQueryException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void readsATrendsQueryWithDefaults() {
        TrendsQuery query =
                (TrendsQuery)
                        READER.read(
                                "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"30d\"},"
                                        + " \"series\": [{\"event\": \"signup\", \"filters\": [{\"or\": ["
                                        + "{\"property\": \"plan\", \"op\": \"equals\", \"value\": [\"a\", 2]},"
                                        + "{\"property\": \"age\", \"source\": \"person\", \"op\": \"is_set\"}]}]}]}");

        assertThat(query.granularity().name()).isEqualTo("DAY");
        assertThat(query.series().get(0).aggregation().type()).isEqualTo(Aggregation.Type.TOTAL);
        Filter.AnyOf any = (Filter.AnyOf) query.series().get(0).events().filters().get(0);
        assertThat(((Filter.Condition) any.filters().get(0)).values()).containsExactly("a", 2);
        assertThat(((Filter.Condition) any.filters().get(1)).property().source().name())
                .isEqualTo("PERSON");
    }

    @Test
    void readsAFunnelWithItsWindows() {
        FunnelQuery query =
                (FunnelQuery)
                        READER.read(
                                "{\"version\": 1, \"kind\": \"funnel\", \"range\": {\"from\": \"2026-01-01\", \"to\": \"2026-01-31\"},"
                                        + " \"window\": \"2h\", \"order\": \"strict\","
                                        + " \"steps\": [{\"event\": \"a\"}, {\"event\": \"b\", \"within\": \"30m\"}]}");
        assertThat(query.window()).isEqualTo(Duration.ofHours(2));
        assertThat(query.steps().get(1).within()).isEqualTo(Duration.ofMinutes(30));
        assertThat(query.order()).isEqualTo(FunnelQuery.Order.STRICT);
    }

    @Test
    void saysWhereAndWhatIsWrong() {
        assertThat(invalid("{").getMessage()).startsWith("the query is not valid JSON");
        assertThat(
                        invalid(
                                        "{\"version\": 2, \"kind\": \"trends\", \"range\": {\"last\": \"1d\"}, \"series\": [{\"event\": \"a\"}]}")
                                .problems())
                .anyMatch(p -> p.startsWith("version"));
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"1d\"}}")
                                .problems())
                .anyMatch(p -> p.contains("series: required"));
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"one day\"}, \"series\": [{\"event\": \"a\"}]}")
                                .problems())
                .anyMatch(p -> p.startsWith("range.last"));
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"1d\"},"
                                                + " \"series\": [{\"event\": \"a\", \"filters\": [{\"property\": \"p\", \"op\": \"equal\", \"value\": 1}]}]}")
                                .problems())
                .anyMatch(p -> p.startsWith("series.0.filters.0"));
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"1d\"},"
                                                + " \"series\": [{\"event\": \"a\", \"aggregation\": {\"type\": \"sum\"}}]}")
                                .problems())
                .containsExactly(
                        "series[0].aggregation: \"sum\" needs a \"property\" (the number to aggregate)");
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"1d\"},"
                                                + " \"series\": [{\"event\": \"a\"}], \"formula\": \"A + C\"}")
                                .problems()
                                .get(0))
                .startsWith("formula: ");
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"1d\"},"
                                                + " \"series\": [{\"event\": \"a\"}], \"formula\": \"A +\"}")
                                .problems()
                                .get(0))
                .startsWith("formula: ");
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"funnel\", \"range\": {\"last\": \"1d\"},"
                                                + " \"steps\": [{\"event\": \"a\"}, {\"event\": \"b\"}],"
                                                + " \"exclusions\": [{\"event\": \"x\", \"after_step\": 2, \"before_step\": 3}]}")
                                .problems())
                .containsExactly(
                        "exclusions[0]: after_step must be before before_step, both between 1 and 2");
        assertThat(
                        invalid(
                                        "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"last\": \"1d\"}, \"series\": [{\"event\": \"a\"}], \"extra\": 1}")
                                .problems())
                .isNotEmpty();
    }

    @Test
    void rangesResolveInTheProjectsTimezone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant now = Instant.parse("2026-03-10T03:00:00Z"); // 12:00 in Tokyo
        TimeRange.Window lastWeek = TimeRange.last("7d").resolve(now, tokyo);
        assertThat(lastWeek.from()).isEqualTo(Instant.parse("2026-03-03T15:00:00Z"));
        assertThat(lastWeek.to()).isEqualTo(now);
        assertThat(TimeRange.last("2h").resolve(now, tokyo).from())
                .isEqualTo(Instant.parse("2026-03-10T01:00:00Z"));
        TimeRange.Window days = TimeRange.between("2026-03-01", "2026-03-01").resolve(now, tokyo);
        assertThat(days.length()).isEqualTo(Duration.ofDays(1));
        assertThat(days.previous().from()).isEqualTo(Instant.parse("2026-02-27T15:00:00Z"));
        assertThatThrownBy(
                        () ->
                                TimeRange.between("2026-03-02", "2026-03-01T10:00")
                                        .resolve(now, tokyo))
                .hasMessageContaining("must come after");
    }
}
