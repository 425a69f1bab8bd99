package io.streamlytics.console.people.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.people.domain.PersonProfile;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.Sql;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * People from ClickHouse: a search by id, and one person's properties, ids, sessions and events. A
 * person is the pipeline's resolved person_id; events without one are their distinct_id's. Every
 * value from the person asking is quoted ({@link Sql#quote}); every look is audited.
 */
@Service
public class PersonProfiles {
    static final int TIMELINE = 200;
    static final int SESSIONS = 50;
    static final int MATCHES = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClickHouse clickhouse;
    private final ProjectAccess access;
    private final AuditLog audit;

    public PersonProfiles(ClickHouse clickhouse, ProjectAccess access, AuditLog audit) {
        this.clickhouse = clickhouse;
        this.access = access;
        this.audit = audit;
    }

    /** People whose id contains {@code text} (any case), most recently seen first. */
    public List<PersonProfile.Match> search(Actor actor, long projectId, String text) {
        access.requireRead(actor, projectId);
        audit.record(actor, projectId, "search people", text);
        String person = "if(person_id != '', person_id, distinct_id)";
        return clickhouse
                .query(
                        "SELECT "
                                + person
                                + " AS person, toUnixTimestamp(max(timestamp)) AS last,"
                                + " count() AS n FROM "
                                + clickhouse.table("events")
                                + " WHERE project_id = "
                                + projectId
                                + " AND positionCaseInsensitive("
                                + person
                                + ", "
                                + Sql.quote(text.strip())
                                + ") > 0 GROUP BY person ORDER BY last DESC, person LIMIT "
                                + MATCHES)
                .stream()
                .map(
                        row ->
                                new PersonProfile.Match(
                                        row.path("person").asString(),
                                        Instant.ofEpochSecond(row.path("last").asLong()),
                                        row.path("n").asLong()))
                .toList();
    }

    public Optional<PersonProfile> profile(Actor actor, long projectId, String personId) {
        access.requireRead(actor, projectId);
        audit.record(actor, projectId, "view person", personId);
        String id = Sql.quote(personId);
        String ofPerson =
                " WHERE project_id = "
                        + projectId
                        + " AND (person_id = "
                        + id
                        + " OR (person_id = '' AND distinct_id = "
                        + id
                        + "))";
        JsonNode totals =
                clickhouse
                        .query(
                                "SELECT count() AS n, toUnixTimestamp(min(timestamp)) AS first,"
                                        + " toUnixTimestamp(max(timestamp)) AS last FROM "
                                        + clickhouse.table("events")
                                        + ofPerson)
                        .get(0);
        if (totals.path("n").asLong() == 0) {
            return Optional.empty();
        }
        return Optional.of(
                new PersonProfile(
                        personId,
                        properties(projectId, id),
                        distinctIds(projectId, id, ofPerson),
                        Instant.ofEpochSecond(totals.path("first").asLong()),
                        Instant.ofEpochSecond(totals.path("last").asLong()),
                        totals.path("n").asLong(),
                        sessions(projectId, id),
                        timeline(ofPerson)));
    }

    private Map<String, String> properties(long projectId, String id) {
        Map<String, String> properties = new LinkedHashMap<>();
        List<JsonNode> rows =
                clickhouse.query(
                        "SELECT argMax(properties, version) AS p FROM "
                                + clickhouse.table("persons")
                                + " WHERE project_id = "
                                + projectId
                                + " AND person_id = "
                                + id);
        if (!rows.isEmpty() && !rows.get(0).path("p").asString("").isEmpty()) {
            JsonNode parsed = JSON.readTree(rows.get(0).path("p").asString());
            parsed.properties()
                    .forEach(
                            e ->
                                    properties.put(
                                            e.getKey(),
                                            e.getValue().isString()
                                                    ? e.getValue().asString()
                                                    : e.getValue().toString()));
        }
        return properties;
    }

    private List<String> distinctIds(long projectId, String id, String ofPerson) {
        return clickhouse
                .query(
                        "SELECT DISTINCT distinct_id AS d FROM "
                                + clickhouse.table("events")
                                + ofPerson
                                + " ORDER BY d LIMIT 100")
                .stream()
                .map(row -> row.path("d").asString())
                .toList();
    }

    private List<PersonProfile.Session> sessions(long projectId, String id) {
        return clickhouse
                .query(
                        "SELECT session_id, toUnixTimestamp(argMax(started_at, version)) AS started,"
                                + " argMax(duration_s, version) AS duration,"
                                + " argMax(events, version) AS n, argMax(pageviews, version) AS pv,"
                                + " argMax(entry_url, version) AS entry,"
                                + " argMax(exit_url, version) AS exit,"
                                + " argMax(referrer, version) AS referrer,"
                                + " argMax(device_type, version) AS device FROM "
                                + clickhouse.table("sessions")
                                + " WHERE project_id = "
                                + projectId
                                + " AND (person_id = "
                                + id
                                + " OR distinct_id = "
                                + id
                                + ") GROUP BY session_id ORDER BY started DESC LIMIT "
                                + SESSIONS)
                .stream()
                .map(
                        row ->
                                new PersonProfile.Session(
                                        row.path("session_id").asString(),
                                        Instant.ofEpochSecond(row.path("started").asLong()),
                                        row.path("duration").asLong(),
                                        row.path("n").asLong(),
                                        row.path("pv").asLong(),
                                        row.path("entry").asString(),
                                        row.path("exit").asString(),
                                        row.path("referrer").asString(),
                                        row.path("device").asString()))
                .toList();
    }

    private List<PersonProfile.TimelineEvent> timeline(String ofPerson) {
        return clickhouse
                .query(
                        "SELECT toUnixTimestamp(timestamp) AS ts, event, page_path, session_id,"
                                + " properties FROM "
                                + clickhouse.table("events")
                                + ofPerson
                                + " ORDER BY timestamp DESC LIMIT "
                                + TIMELINE)
                .stream()
                .map(
                        row ->
                                new PersonProfile.TimelineEvent(
                                        Instant.ofEpochSecond(row.path("ts").asLong()),
                                        row.path("event").asString(),
                                        row.path("page_path").asString(),
                                        row.path("session_id").asString(),
                                        row.path("properties").asString()))
                .toList();
    }
}
