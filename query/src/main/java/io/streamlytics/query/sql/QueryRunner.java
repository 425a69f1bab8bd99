package io.streamlytics.query.sql;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseException;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryLimitException;
import io.streamlytics.query.QueryLimits;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Runs compiled analyses with the cost limits as ClickHouse settings, and turns ClickHouse's
 * refusals into errors a person can act on.
 */
public final class QueryRunner {
    private final ClickHouse clickhouse;
    private final QueryLimits limits;

    public QueryRunner(ClickHouse clickhouse, QueryLimits limits) {
        this.clickhouse = clickhouse;
        this.limits = limits;
    }

    public String table(String name) {
        return clickhouse.table(name);
    }

    public QueryLimits limits() {
        return limits;
    }

    public List<JsonNode> rows(String sql) {
        String limited =
                sql
                        + "\nSETTINGS max_execution_time = "
                        + limits.timeout().toSeconds()
                        + ", max_result_rows = "
                        + limits.maxResultRows()
                        + ", result_overflow_mode = 'throw'";
        try {
            return clickhouse.query(limited);
        } catch (ClickHouseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Code: 159") || message.contains("Timeout exceeded")) {
                throw new QueryLimitException(
                        "the analysis ran longer than "
                                + limits.timeout().toSeconds()
                                + " s: narrow the range, the events or the breakdown",
                        e);
            }
            if (message.contains("Code: 396") || message.contains("Limit for result exceeded")) {
                throw new QueryLimitException(
                        "the analysis would return more than "
                                + limits.maxResultRows()
                                + " rows: lower the breakdown's limit or use a coarser granularity",
                        e);
            }
            if (message.contains("Code: 427") || message.contains("compile regexp")) {
                throw new InvalidQueryException(
                        "a regular expression is not valid for ClickHouse (RE2 syntax)");
            }
            throw e;
        }
    }
}
