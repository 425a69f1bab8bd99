package io.streamlytics.console.insights.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryEngine;
import io.streamlytics.query.QueryResult;
import io.streamlytics.query.model.FunnelQuery;
import io.streamlytics.query.model.Query;
import io.streamlytics.query.model.TimeRange;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the analyses of the query model for one project, in its timezone, through the cache. The
 * answer is JSON text: {@code {"kind", "cached", "took_ms", "result", "next_offset"?}}.
 */
@Service
public class InsightQueries {
    /** The path's name of each analysis, and the query kind it runs. */
    public static final Map<String, String> KINDS =
            Map.of(
                    "trends",
                    "trends",
                    "funnels",
                    "funnel",
                    "retention",
                    "retention",
                    "paths",
                    "paths");

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final QueryEngine engine;
    private final QueryCache cache;
    private final ProjectTimezones timezones;
    private final ProjectAccess access;
    private final AuditLog audit;

    public InsightQueries(
            QueryEngine engine,
            QueryCache cache,
            ProjectTimezones timezones,
            ProjectAccess access,
            AuditLog audit) {
        this.engine = engine;
        this.cache = cache;
        this.timezones = timezones;
        this.access = access;
        this.audit = audit;
    }

    /** As {@link #run(long, String, String)}, for a person in the console: checked and logged. */
    public String run(Actor actor, long projectId, String analysis, String body) {
        access.requireRead(actor, projectId);
        audit.record(actor, projectId, "run " + analysis, body);
        return run(projectId, analysis, body);
    }

    public String run(long projectId, String analysis, String body) {
        long started = System.nanoTime();
        String kind = KINDS.get(analysis);
        ObjectNode json = withKind(analysis, body);
        Query query = engine.read(json);
        ZoneId zone = timezones.of(projectId);
        TimeRange.Window scanned = engine.scanned(zone, query);
        boolean open = engine.open(zone, query);
        String key = cache.key(projectId, zone.getId(), normalised(json));
        String result = cache.get(key, projectId, scanned, open).orElse(null);
        boolean cached = result != null;
        if (!cached) {
            QueryResult answer = engine.run(projectId, zone, query);
            result = JSON.writeValueAsString(answer);
            cache.put(key, projectId, scanned, open, result);
        }
        StringBuilder response =
                new StringBuilder("{\"kind\":\"")
                        .append(kind)
                        .append("\",\"cached\":")
                        .append(cached)
                        .append(",\"took_ms\":")
                        .append((System.nanoTime() - started) / 1_000_000);
        if (query instanceof FunnelQuery funnel
                && funnel.view() == FunnelQuery.View.PEOPLE
                && JSON.readTree(result).path("people").size() == funnel.people().limit()) {
            // a full page: there may be more
            response.append(",\"next_offset\":")
                    .append(funnel.people().offset() + funnel.people().limit());
        }
        return response.append(",\"result\":").append(result).append('}').toString();
    }

    /** Throws {@link InvalidQueryException} with the problems unless the query would run. */
    public void check(String analysis, String body) {
        engine.read(withKind(analysis, body));
    }

    /** The query with the analysis' kind filled in, or refused when it names another. */
    private static ObjectNode withKind(String analysis, String body) {
        String kind = KINDS.get(analysis);
        if (kind == null) {
            throw new IllegalArgumentException("no analysis named " + analysis);
        }
        ObjectNode json = parse(body);
        if (!json.has("kind")) {
            json.put("kind", kind);
        } else if (!kind.equals(json.path("kind").asString())) {
            throw new InvalidQueryException(
                    "kind: this endpoint runs \""
                            + kind
                            + "\" queries; the query says \""
                            + json.path("kind").asString()
                            + "\"");
        }
        return json;
    }

    public void invalidate(long projectId) {
        cache.invalidate(projectId);
    }

    private static ObjectNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw new InvalidQueryException(
                    "the query is not valid JSON: " + e.getOriginalMessage());
        }
        throw new InvalidQueryException("the query must be a JSON object");
    }

    /** The query with its keys sorted, so equal queries share a cache entry. */
    private static String normalised(ObjectNode json) {
        return JSON.writeValueAsString(JSON.convertValue(json, Object.class));
    }
}
