package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.paths.PathsResult;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClickHouseExtension.class)
class PathsTest {
    static ClickHouse clickhouse;
    static QueryEngine engine;

    @BeforeAll
    static void load(ClickHouseServer server) {
        clickhouse = AnalysisDatabase.create(server, "query_paths");
        new KnownEvents(1)
                .add("p1", "home", "2026-06-01T10:00:00Z")
                .add("p1", "pricing", "2026-06-01T10:01:00Z")
                .add("p1", "signup", "2026-06-01T10:02:00Z")
                .add("p1", "home", "2026-06-01T10:03:00Z")
                .add("p2", "home", "2026-06-01T10:00:00Z")
                .add("p2", "pricing", "2026-06-01T10:01:00Z")
                .add("p2", "pricing", "2026-06-01T10:02:00Z")
                .add("p2", "docs", "2026-06-01T10:03:00Z")
                .add("p3", "docs", "2026-06-01T10:00:00Z")
                .add("p3", "home", "2026-06-01T10:01:00Z")
                .add("p3", "pricing", "2026-06-01T10:02:00Z")
                .add("q1", "page_view", "2026-06-02T10:00:00Z", Map.of(), Map.of("page_path", "/a"))
                .add("q1", "page_view", "2026-06-02T10:01:00Z", Map.of(), Map.of("page_path", "/b"))
                .writeTo(clickhouse);
        engine = AnalysisDatabase.engine(clickhouse, "2026-06-10T00:00:00Z");
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    static PathsResult paths(String day, String extra) {
        return (PathsResult)
                engine.run(
                        1,
                        ZoneOffset.UTC,
                        "{\"version\": 1, \"kind\": \"paths\", \"range\": {\"from\": \""
                                + day
                                + "\", \"to\": \""
                                + day
                                + "\"}"
                                + extra
                                + "}");
    }

    @Test
    void pathsAfterAnEventWithRepeatsCollapsed() {
        PathsResult result =
                paths("2026-06-01", ", \"start\": {\"event\": \"home\"}, \"depth\": 3");
        assertThat(result.paths())
                .extracting(PathsResult.Path::elements)
                .containsExactlyInAnyOrder(
                        List.of("home", "pricing", "signup"),
                        List.of("home", "pricing", "docs"),
                        List.of("home", "pricing"));
        assertThat(result.edges())
                .extracting(
                        PathsResult.Edge::step,
                        PathsResult.Edge::from,
                        PathsResult.Edge::to,
                        PathsResult.Edge::people)
                .containsExactly(
                        tuple(1, "home", "pricing", 3L),
                        tuple(2, "pricing", "docs", 1L),
                        tuple(2, "pricing", "signup", 1L));
    }

    @Test
    void minimumCountAndRepeatsKept() {
        PathsResult result =
                paths(
                        "2026-06-01",
                        ", \"start\": {\"event\": \"home\"}, \"depth\": 3, \"min_count\": 2");
        assertThat(result.paths()).isEmpty();
        assertThat(result.edges()).extracting(PathsResult.Edge::people).containsExactly(3L);

        PathsResult repeats =
                paths(
                        "2026-06-01",
                        ", \"start\": {\"event\": \"home\"}, \"depth\": 3, \"collapse_repeats\": false");
        assertThat(repeats.paths())
                .extracting(PathsResult.Path::elements)
                .contains(List.of("home", "pricing", "pricing"));
    }

    @Test
    void pathsBeforeAnEventAndPages() {
        PathsResult before =
                paths("2026-06-01", ", \"end\": {\"event\": \"pricing\"}, \"depth\": 2");
        assertThat(before.paths())
                .extracting(PathsResult.Path::elements, PathsResult.Path::people)
                .containsExactly(tuple(List.of("home", "pricing"), 3L));

        PathsResult pages = paths("2026-06-02", ", \"element\": \"page\"");
        assertThat(pages.paths())
                .extracting(PathsResult.Path::elements)
                .containsExactly(List.of("/a", "/b"));
    }
}
