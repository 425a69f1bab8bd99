package io.streamlytics.query.paths;

import io.streamlytics.query.QueryResult;
import java.util.List;

/**
 * The most common paths (whole sequences, up to the depth) and the steps between them for a Sankey
 * chart: from {@code from} at position {@code step} to {@code to} at the next.
 */
public record PathsResult(List<Path> paths, List<Edge> edges) implements QueryResult {
    public record Path(List<String> elements, long people) {}

    public record Edge(int step, String from, String to, long people) {}
}
