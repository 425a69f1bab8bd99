package io.streamlytics.console.sql.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Role;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.sql.domain.ProjectSql;
import io.streamlytics.console.sql.domain.SqlResult;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseException;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Runs analysts' ClickHouse SQL for one project (docs/sql.md): the query is rewritten to read only
 * the project's rows ({@link ProjectSql}) and runs as the read-only SQL user (its profile sets the
 * timeout, the row cap and the quota) in an empty session database.
 */
@Service
public class SqlConsole {
    /** Who the audit log names for a query through the API. */
    static final Actor API = new Actor(0, "API token", Role.ANALYST);

    private final ClickHouse platform;
    private final PlatformConfig.ClickHouse config;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final String sandbox;
    private volatile ClickHouse reader;

    public SqlConsole(
            ClickHouse platform, PlatformConfig config, ProjectAccess access, AuditLog audit) {
        this.platform = platform;
        this.config = config.clickhouse();
        this.access = access;
        this.audit = audit;
        this.sandbox = platform.database() + "_sql";
    }

    /** Whether a read-only user is configured; without one the editor says how to add it. */
    public boolean configured() {
        return !config.sqlPassword().isEmpty();
    }

    /** Runs {@code sql} for the project; analysts and admins only, every query audited. */
    public SqlResult run(Actor actor, long projectId, String sql) {
        access.requireEdit(actor, projectId);
        return execute(actor, projectId, sql);
    }

    /** For the API, whose project token was checked before. */
    public SqlResult runForProject(long projectId, String sql) {
        return execute(API, projectId, sql);
    }

    private SqlResult execute(Actor actor, long projectId, String sql) {
        if (!configured()) {
            throw new IllegalStateException(
                    "The SQL editor needs a read-only ClickHouse user: set"
                            + " ANALYTICS_CLICKHOUSE_SQL_USER and ANALYTICS_CLICKHOUSE_SQL_PASSWORD"
                            + " (docs/sql.md says how to create one).");
        }
        String rewritten = ProjectSql.rewrite(sql, projectId, platform.database(), databases());
        audit.record(actor, projectId, "run sql", sql);
        long started = System.nanoTime();
        List<JsonNode> rows;
        try {
            rows = reader().query(rewritten);
        } catch (ClickHouseException e) {
            throw new IllegalArgumentException(explain(e));
        }
        List<String> columns = new ArrayList<>();
        if (!rows.isEmpty()) {
            rows.get(0).propertyNames().forEach(columns::add);
        }
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode row : rows.subList(0, Math.min(rows.size(), SqlResult.MAX_ROWS))) {
            List<String> line = new ArrayList<>(columns.size());
            for (Map.Entry<String, JsonNode> cell : row.properties()) {
                JsonNode value = cell.getValue();
                line.add(value.isValueNode() ? value.asString() : value.toString());
            }
            cells.add(line);
        }
        return new SqlResult(
                columns,
                cells,
                rows.size() > SqlResult.MAX_ROWS,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Every database of the server: a query may name none of them. */
    private Set<String> databases() {
        Set<String> names =
                new HashSet<>(Set.of("system", "default", platform.database(), sandbox));
        platform.query("SELECT name FROM system.databases")
                .forEach(row -> names.add(row.path("name").asString()));
        return names;
    }

    private ClickHouse reader() {
        ClickHouse client = reader;
        if (client == null) {
            synchronized (this) {
                if (reader == null) {
                    platform.execute("CREATE DATABASE IF NOT EXISTS " + sandbox);
                    reader =
                            ClickHouse.connect(
                                    new ClickHouseSettings(
                                            config.effectiveUrl(),
                                            config.sqlUser(),
                                            config.sqlPassword(),
                                            config.database()),
                                    sandbox);
                }
                client = reader;
            }
        }
        return client;
    }

    /** ClickHouse's own message ("Code: 47, e.displayText() = DB::Exception: …"), shortened. */
    private static String explain(ClickHouseException e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        int exception = message.indexOf("DB::Exception: ");
        String text = exception >= 0 ? message.substring(exception + 15) : message;
        for (String tail : List.of(", Stack trace", ", e.what()", " (transport error")) {
            int end = text.indexOf(tail);
            text = end > 0 ? text.substring(0, end) : text;
        }
        return "ClickHouse refused the query: " + text.strip();
    }

    @PreDestroy
    void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
