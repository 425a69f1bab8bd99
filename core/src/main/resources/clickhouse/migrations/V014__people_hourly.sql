-- People per hour: one row per project, hour (UTC), event, person and the breakdown columns trends
-- use most, with that person's events counted. Trends that count people (unique users, DAU/WAU/MAU,
-- stickiness) or events read it instead of events when their filters and breakdown name only these
-- columns, in a timezone whose offsets are whole hours (docs/query-model.md). Rows of one key add
-- up when parts merge; queries sum(events) and count distinct person_hash, so unmerged parts give
-- the same answers.
CREATE TABLE IF NOT EXISTS {db}.people_hourly
(
    project_id  UInt64,
    hour        DateTime('UTC'),
    event       String,
    person_hash UInt64,
    country     String,
    device_type String,
    browser     String,
    os          String,
    events      UInt64
)
ENGINE = SummingMergeTree(events)
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, toDate(hour), event, hour, person_hash, country, device_type, browser, os);

-- Every insert into events adds its rows here. person_hash is the query engine's
-- cityHash64(Scope.PERSON): the resolved person, else the distinct_id.
CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.people_hourly_mv TO {db}.people_hourly AS
SELECT
    project_id,
    toStartOfHour(timestamp) AS hour,
    event,
    cityHash64(if(person_id != '', person_id, distinct_id)) AS person_hash,
    country,
    device_type,
    browser,
    os,
    count() AS events
FROM {db}.events
GROUP BY project_id, hour, event, person_hash, country, device_type, browser, os;

-- The events from before this migration. The platform applies migrations before its jobs start;
-- events written between the view's creation and this statement would be counted twice, which
-- leaves people counts exact and adds to the event counts.
INSERT INTO {db}.people_hourly
SELECT
    project_id,
    toStartOfHour(timestamp) AS hour,
    event,
    cityHash64(if(person_id != '', person_id, distinct_id)) AS person_hash,
    country,
    device_type,
    browser,
    os,
    count() AS events
FROM {db}.events
GROUP BY project_id, hour, event, person_hash, country, device_type, browser, os
