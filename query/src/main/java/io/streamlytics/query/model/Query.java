package io.streamlytics.query.model;

import java.util.List;

/** One analysis of a project's events, as read from the JSON query model (version 1). */
public sealed interface Query permits TrendsQuery, FunnelQuery, RetentionQuery, PathsQuery {
    int VERSION = 1;

    TimeRange range();

    /** Conditions every event of the analysis must meet, on top of each step's or series' own. */
    List<Filter> filters();
}
