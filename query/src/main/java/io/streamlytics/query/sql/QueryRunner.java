package io.streamlytics.query.sql;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseException;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryLimitException;
import io.streamlytics.query.QueryLimits;
import java.util.List;
import java.util.Optional;
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

    /** The rows, or nothing when there would be more than {@code maxRows}. */
    public Optional<List<JsonNode>> rowsUpTo(String sql, long maxRows) {
        try {
            return Optional.of(run(sql, Math.min(maxRows, limits.maxResultRows())));
        } catch (ClickHouseException e) {
            if (tooManyRows(e)) {
                return Optional.empty();
            }
            throw refusal(e);
        }
    }

    public List<JsonNode> rows(String sql) {
        try {
            return run(sql, limits.maxResultRows());
        } catch (ClickHouseException e) {
            throw refusal(e);
        }
    }

    private List<JsonNode> run(String sql, long maxRows) {
        String limited =
                sql
                        + "\nSETTINGS max_execution_time = "
                        + limits.timeout().toSeconds()
                        + ", max_result_rows = "
                        + maxRows
                        + ", result_overflow_mode = 'throw'"
                        // ClickHouse expands aliases before it plans: a 20-step funnel's steps
                        // refer to the ones before them and grow past the default 500,000
                        + ", max_expanded_ast_elements = 50000000";
        return clickhouse.query(limited);
    }

    private static boolean tooManyRows(ClickHouseException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Code: 396") || message.contains("Limit for result exceeded");
    }

    /** ClickHouse's refusal as what the person asking can do about it. */
    private RuntimeException refusal(ClickHouseException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Code: 159") || message.contains("Timeout exceeded")) {
            return new QueryLimitException(
                    "the analysis ran longer than "
                            + limits.timeout().toSeconds()
                            + " s: narrow the range, the events or the breakdown",
                    e);
        }
        if (tooManyRows(e)) {
            return new QueryLimitException(
                    "the analysis would return more than "
                            + limits.maxResultRows()
                            + " rows: lower the breakdown's limit or use a coarser granularity",
                    e);
        }
        if (message.contains("Code: 427") || message.contains("compile regexp")) {
            return new InvalidQueryException(
                    "a regular expression is not valid for ClickHouse (RE2 syntax)");
        }
        return e;
    }
}
