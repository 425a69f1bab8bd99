package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.retention.RetentionTable;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention across the January/February boundary in Europe/Berlin: events near midnight UTC belong
 * to the next local day, and months are calendar months there.
 */
@ExtendWith(ClickHouseExtension.class)
class RetentionTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static ClickHouse clickhouse;

    @BeforeAll
    static void load(ClickHouseServer server) {
        clickhouse = AnalysisDatabase.create(server, "query_retention");
        new KnownEvents(1)
                // r1: signs up at 00:30 on 31 January (local), back on 1, 2 (23:59 local) and 5
                // February
                .add("r1", "signup", "2026-01-30T23:30:00Z")
                .add("r1", "open", "2026-02-01T10:00:00Z")
                .add("r1", "open", "2026-02-02T22:59:00Z")
                .add("r1", "open", "2026-02-05T10:00:00Z")
                // r2: signs up on 30 January, back at 23:30 local on the 31st, signs up again on 1
                // February
                .add("r2", "signup", "2026-01-30T10:00:00Z")
                .add("r2", "open", "2026-01-31T22:30:00Z")
                .add("r2", "signup", "2026-02-01T09:00:00Z")
                // r3: first signed up in December, again on 31 January
                .add("r3", "signup", "2025-12-01T10:00:00Z")
                .add("r3", "signup", "2026-01-31T10:00:00Z")
                // r4: signs up on 1 February, never back
                .add("r4", "signup", "2026-02-01T12:00:00Z")
                .writeTo(clickhouse);
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    static RetentionTable retention(String now, String range, String extra) {
        return (RetentionTable)
                AnalysisDatabase.engine(clickhouse, now)
                        .run(
                                1,
                                BERLIN,
                                "{\"version\": 1, \"kind\": \"retention\", \"range\": "
                                        + range
                                        + ", \"start\": {\"event\": \"signup\"}"
                                        + extra
                                        + "}");
    }

    static RetentionTable daily(String extra) {
        return retention(
                "2026-02-10T00:00:00Z",
                "{\"from\": \"2026-01-30\", \"to\": \"2026-02-01\"}",
                ", \"period\": \"day\", \"periods\": 3" + extra);
    }

    static List<Long> longs(long... values) {
        return Arrays.stream(values).boxed().toList();
    }

    @Test
    void firstTimeCohortsByLocalDay() {
        RetentionTable table = daily("");
        assertThat(table.cohorts())
                .extracting(RetentionTable.Cohort::start)
                .containsExactly("2026-01-30", "2026-01-31", "2026-02-01");
        assertThat(table.cohorts().get(0).retained()).isEqualTo(longs(1, 1, 1, 0));
        assertThat(table.cohorts().get(1).retained()).isEqualTo(longs(1, 1, 1, 0));
        assertThat(table.cohorts().get(2).retained()).isEqualTo(longs(1, 0, 0, 0));
        assertThat(table.average().get(1)).isEqualTo(2 / 3.0);
    }

    @Test
    void recurringCohortsTakeEveryStart() {
        RetentionTable table = daily(", \"mode\": \"recurring\"");
        assertThat(table.cohorts())
                .extracting(RetentionTable.Cohort::size)
                .containsExactly(1L, 2L, 2L);
        assertThat(table.cohorts().get(1).retained()).isEqualTo(longs(2, 1, 1, 0));
        assertThat(table.cohorts().get(2).retained()).isEqualTo(longs(2, 0, 0, 0));
    }

    @Test
    void unboundedCountsAnyLaterReturn() {
        assertThat(daily(", \"unbounded\": true").cohorts().get(1).retained())
                .isEqualTo(longs(1, 1, 1, 1));
    }

    @Test
    void monthsAreCalendarMonthsAndFuturePeriodsAreEmpty() {
        RetentionTable table =
                retention(
                        "2026-02-10T00:00:00Z",
                        "{\"from\": \"2026-01-01\", \"to\": \"2026-01-31\"}",
                        ", \"period\": \"month\", \"periods\": 2");
        assertThat(table.cohorts()).hasSize(1);
        assertThat(table.cohorts().get(0).start()).isEqualTo("2026-01-01");
        assertThat(table.cohorts().get(0).retained()).containsExactly(2L, 2L, null);
    }

    @Test
    void theCurrentPeriodCountsSoFarAndLaterOnesAreEmpty() {
        RetentionTable table =
                retention(
                        "2026-02-02T12:00:00Z",
                        "{\"from\": \"2026-01-30\", \"to\": \"2026-02-01\"}",
                        ", \"period\": \"day\", \"periods\": 3");
        assertThat(table.cohorts().get(2).retained()).containsExactly(1L, 0L, null, null);
        // r1 comes back at 23:59 on 2 February, after "now"
        assertThat(table.cohorts().get(1).retained()).containsExactly(1L, 1L, 0L, null);
    }

    @Test
    void aSpecificReturnEvent() {
        RetentionTable table = daily(", \"return\": {\"event\": \"open\"}");
        // r2's second signup on 1 February is no longer a return
        assertThat(table.cohorts().get(0).retained()).isEqualTo(longs(1, 1, 0, 0));
    }
}
