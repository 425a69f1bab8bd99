package io.streamlytics.query.segments;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.query.model.TimeRange;
import io.streamlytics.query.sql.Scope;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment membership in ClickHouse: each refresh writes a new version of the members and then lists
 * it in {@code segment_versions} (which queries read), keeps the version before it for queries
 * still running, and drops older ones.
 */
public final class SegmentStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClickHouse clickhouse;
    private final Clock clock;

    public SegmentStore(ClickHouse clickhouse, Clock clock) {
        this.clickhouse = clickhouse;
        this.clock = clock;
    }

    /** A refresh's outcome. */
    public record Version(long version, long size, Instant refreshedAt) {}

    /** Works out a dynamic segment's members now and makes them the current version. */
    public Version refresh(long projectId, long segmentId, SegmentCondition condition) {
        Instant now = clock.instant();
        long version = nextVersion(projectId, segmentId, now);
        Scope scope =
                new Scope(
                        clickhouse.table("events"),
                        projectId,
                        new TimeRange.Window(Instant.EPOCH, now),
                        ZoneOffset.UTC);
        clickhouse.execute(
                "INSERT INTO "
                        + clickhouse.table("segment_members")
                        + " (project_id, segment_id, version, person) SELECT "
                        + projectId
                        + ", "
                        + segmentId
                        + ", "
                        + version
                        + ", person FROM ("
                        + SegmentSql.members(condition, scope, now)
                        + ")");
        return publish(projectId, segmentId, version, now);
    }

    /** Makes these people (a CSV upload, a funnel's drop-offs) the segment's current members. */
    public Version replace(long projectId, long segmentId, Iterable<String> people) {
        Instant now = clock.instant();
        long version = nextVersion(projectId, segmentId, now);
        clickhouse.insertJsonEachRow(
                "segment_members", () -> rows(projectId, segmentId, version, people));
        return publish(projectId, segmentId, version, now);
    }

    /** The segment's size at every refresh still recorded, oldest first. */
    public List<Version> history(long projectId, long segmentId) {
        List<Version> versions = new ArrayList<>();
        for (JsonNode row :
                clickhouse.query(
                        "SELECT version, size, toUInt32(refreshed_at) AS at FROM "
                                + clickhouse.table("segment_versions")
                                + where(projectId, segmentId)
                                + " ORDER BY version")) {
            versions.add(
                    new Version(
                            row.path("version").asLong(),
                            row.path("size").asLong(),
                            Instant.ofEpochSecond(row.path("at").asLong())));
        }
        return versions;
    }

    /** A page of the current members, sorted. */
    public List<String> members(long projectId, long segmentId, int offset, int limit) {
        List<String> people = new ArrayList<>();
        for (JsonNode row :
                clickhouse.query(
                        "SELECT person FROM "
                                + clickhouse.table("segment_members")
                                + where(projectId, segmentId)
                                + " AND version = (SELECT max(version) FROM "
                                + clickhouse.table("segment_versions")
                                + where(projectId, segmentId)
                                + ") ORDER BY person LIMIT "
                                + Math.max(0, offset)
                                + ", "
                                + Math.max(1, Math.min(limit, 10_000)))) {
            people.add(row.path("person").asString());
        }
        return people;
    }

    /** Forgets the segment's members and history. */
    public void delete(long projectId, long segmentId) {
        for (String table : List.of("segment_members", "segment_versions")) {
            clickhouse.execute(
                    "ALTER TABLE "
                            + clickhouse.table(table)
                            + " DELETE"
                            + where(projectId, segmentId));
        }
    }

    private Version publish(long projectId, long segmentId, long version, Instant now) {
        long size =
                clickhouse.queryLong(
                        "SELECT count() AS n FROM "
                                + clickhouse.table("segment_members")
                                + where(projectId, segmentId)
                                + " AND version = "
                                + version,
                        "n");
        clickhouse.insertJsonEachRow(
                "segment_versions",
                String.format(
                                "{\"project_id\":%d,\"segment_id\":%d,\"version\":%d,\"size\":%d,\"refreshed_at\":%d}%n",
                                projectId, segmentId, version, size, now.getEpochSecond())
                        .getBytes(StandardCharsets.UTF_8));
        // the version before stays for queries that started before this one was listed
        long keep = newest(projectId, segmentId, " AND version < " + version);
        if (keep > 0) {
            clickhouse.execute(
                    "ALTER TABLE "
                            + clickhouse.table("segment_members")
                            + " DELETE"
                            + where(projectId, segmentId)
                            + " AND version < "
                            + keep);
        }
        return new Version(version, size, now);
    }

    /** Milliseconds of now, or one more than the newest version if the clock is behind it. */
    private long nextVersion(long projectId, long segmentId, Instant now) {
        return Math.max(now.toEpochMilli(), newest(projectId, segmentId, "") + 1);
    }

    /** The newest listed version (0 for none), among those {@code condition} allows. */
    private long newest(long projectId, long segmentId, String condition) {
        return clickhouse.queryLong(
                "SELECT max(version) AS v FROM "
                        + clickhouse.table("segment_versions")
                        + where(projectId, segmentId)
                        + condition,
                "v");
    }

    private static String where(long projectId, long segmentId) {
        return " WHERE project_id = " + projectId + " AND segment_id = " + segmentId;
    }

    /** The people as JSONEachRow rows of the version. */
    private static InputStream rows(
            long projectId, long segmentId, long version, Iterable<String> people) {
        String prefix =
                "{\"project_id\":"
                        + projectId
                        + ",\"segment_id\":"
                        + segmentId
                        + ",\"version\":"
                        + version
                        + ",\"person\":";
        StringBuilder rows = new StringBuilder();
        for (String person : people) {
            rows.append(prefix).append(JSON.writeValueAsString(person)).append("}\n");
        }
        return new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8));
    }
}
