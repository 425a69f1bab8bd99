package io.streamlytics.query.paths;

import io.streamlytics.query.model.PathsQuery;
import io.streamlytics.query.sql.QueryRunner;
import io.streamlytics.query.sql.Scope;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Runs a paths query (see {@link PathsSql}): the top paths and the edges between steps. */
public final class PathsAnalysis {
    private final QueryRunner runner;

    public PathsAnalysis(QueryRunner runner) {
        this.runner = runner;
    }

    public PathsResult run(PathsQuery query, Scope scope) {
        List<PathsResult.Path> paths = new ArrayList<>();
        for (JsonNode row : runner.rows(PathsSql.paths(query, scope))) {
            List<String> elements = new ArrayList<>();
            row.path("path").forEach(e -> elements.add(e.asString()));
            paths.add(new PathsResult.Path(elements, row.path("people").asLong()));
        }
        List<PathsResult.Edge> edges = new ArrayList<>();
        for (JsonNode row : runner.rows(PathsSql.edges(query, scope))) {
            edges.add(
                    new PathsResult.Edge(
                            row.path("step").asInt(),
                            row.path("source").asString(),
                            row.path("target").asString(),
                            row.path("people").asLong()));
        }
        return new PathsResult(paths, edges);
    }
}
