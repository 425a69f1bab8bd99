package io.streamlytics.query.trends;

import io.streamlytics.query.QueryResult;
import java.util.List;

/**
 * A trends chart: bucket labels (local times or dates; for stickiness, the number of buckets a
 * person was active in) and one line per series and breakdown value.
 */
public record TrendsResult(List<String> buckets, List<TrendSeries> series) implements QueryResult {}
