package io.streamlytics.console.flinksql.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.flinksql.domain.LiveTable;
import io.streamlytics.core.config.PlatformConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live previews of Flink SQL through the platform's SQL Gateway (docs/flink-sql.md, REST v1): a
 * session per preview, the statement submitted, its result pages fetched as the query runs, and the
 * operation closed when the preview stops (which ends its streaming job). The gateway's tables hold
 * every project's events and it has no authentication of its own, so previews are for admins.
 */
@Service
public class FlinkSqlGateway {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The causes whose message says what is wrong with a query. */
    private static final List<String> CAUSES =
            List.of(
                    "Caused by: org.apache.flink.table.api.ValidationException: ",
                    "Caused by: org.apache.flink.sql.parser.impl.ParseException: ",
                    "Caused by: org.apache.calcite.sql.validate.SqlValidatorException: ");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final ProjectAccess access;
    private final AuditLog audit;

    public FlinkSqlGateway(PlatformConfig config, ProjectAccess access, AuditLog audit) {
        int port = config.flink().sqlGatewayPort();
        this.url = port > 0 ? "http://127.0.0.1:" + port : "";
        this.access = access;
        this.audit = audit;
    }

    /** A running preview: where its next page of results is. */
    public static final class Preview {
        private final String session;
        private final String operation;
        private final LiveTable table = new LiveTable();
        private String next;
        private boolean ended;

        Preview(String session, String operation) {
            this.session = session;
            this.operation = operation;
            this.next =
                    "/v1/sessions/"
                            + session
                            + "/operations/"
                            + operation
                            + "/result/0?rowFormat=JSON";
        }

        public LiveTable table() {
            return table;
        }

        /** Whether the query ended by itself (a bounded query read everything). */
        public boolean ended() {
            return ended;
        }
    }

    public boolean configured() {
        return !url.isEmpty();
    }

    /** Starts {@code sql} (streaming) in a session of its own. */
    public Preview start(Actor actor, String sql) throws IOException, InterruptedException {
        access.requireAdmin(actor);
        if (!configured()) {
            throw new IllegalStateException(
                    "No SQL Gateway: set ANALYTICS_SQL_GATEWAY_PORT (bin/analytics up starts one).");
        }
        String text = sql == null ? "" : sql.strip().replaceAll(";\\s*$", "");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Write a Flink SQL query.");
        }
        audit.record(actor, null, "run flink sql", text);
        String session = call("POST", "/v1/sessions", "{}").path("sessionHandle").asString();
        String operation =
                call(
                                "POST",
                                "/v1/sessions/" + session + "/statements",
                                JSON.writeValueAsString(Map.of("statement", text)))
                        .path("operationHandle")
                        .asString();
        return new Preview(session, operation);
    }

    /**
     * Fetches the pages that are ready and applies them to the preview's table; stops at the first
     * page that is not ready (the query has produced nothing new yet).
     */
    public void fetch(Preview preview) throws IOException, InterruptedException {
        for (int pages = 0; pages < 20 && preview.next != null && !preview.ended; pages++) {
            JsonNode page = call("GET", preview.next, null);
            List<String> columns = new ArrayList<>();
            page.path("results")
                    .path("columns")
                    .forEach(c -> columns.add(c.path("name").asString()));
            if (!columns.isEmpty()) {
                preview.table.columns(columns);
            }
            for (JsonNode row : page.path("results").path("data")) {
                List<String> fields = new ArrayList<>();
                row.path("fields")
                        .forEach(f -> fields.add(f.isNull() ? "" : f.asString(f.toString())));
                preview.table.apply(row.path("kind").asString("INSERT"), fields);
            }
            String type = page.path("resultType").asString();
            preview.next =
                    page.path("nextResultUri").isMissingNode()
                            ? null
                            : withJson(page.path("nextResultUri").asString());
            if ("EOS".equals(type) || preview.next == null) {
                preview.ended = true;
            }
            if ("NOT_READY".equals(type)) {
                return;
            }
        }
    }

    /** Ends the preview: its operation is closed (a streaming job stops) and its session too. */
    public void stop(Preview preview) {
        try {
            call(
                    "DELETE",
                    "/v1/sessions/"
                            + preview.session
                            + "/operations/"
                            + preview.operation
                            + "/close",
                    null);
            call("DELETE", "/v1/sessions/" + preview.session, null);
        } catch (IOException | RuntimeException e) {
            // the gateway ends idle sessions itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String withJson(String next) {
        return next.contains("rowFormat")
                ? next
                : next + (next.contains("?") ? "&" : "?") + "rowFormat=JSON";
    }

    private JsonNode call(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + path))
                                .timeout(TIMEOUT)
                                .header("Content-Type", "application/json")
                                .method(
                                        method,
                                        HttpRequest.BodyPublishers.ofString(
                                                body == null ? "" : body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException("Flink refused it: " + explain(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** The gateway's error, without its Java stack: the first line that says what is wrong. */
    static String explain(String body) {
        String text;
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            StringBuilder all = new StringBuilder();
            errors.forEach(e -> all.append(e.asString()).append('\n'));
            text = all.toString();
        } catch (RuntimeException e) {
            text = body;
        }
        for (String line : text.split("\n")) {
            String l = line.strip();
            for (String cause : CAUSES) {
                if (l.startsWith(cause)) {
                    return l.substring(cause.length());
                }
            }
        }
        String first = text.strip().split("\n")[0];
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
