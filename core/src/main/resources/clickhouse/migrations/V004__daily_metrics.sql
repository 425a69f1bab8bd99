-- Events and unique users per project, day and event name, kept up to date by a materialized view.
-- Read with countMerge(events) and uniqMerge(users) grouped by the key.
CREATE TABLE IF NOT EXISTS {db}.daily_metrics
(
    project_id UInt64,
    day        Date,
    event      String,
    events     AggregateFunction(count),
    users      AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (project_id, day, event);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.daily_metrics_mv TO {db}.daily_metrics
AS SELECT
    project_id,
    toDate(timestamp) AS day,
    event,
    countState() AS events,
    uniqState(distinct_id) AS users
FROM {db}.events
GROUP BY project_id, day, event
