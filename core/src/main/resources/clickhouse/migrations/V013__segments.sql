-- Segment membership, one set of people per refresh (version). Queries read the newest version
-- listed in segment_versions; a refresh keeps the version before it and drops older ones.
-- segment_versions also gives each segment's size over time.
CREATE TABLE IF NOT EXISTS {db}.segment_members
(
    project_id UInt64,
    segment_id UInt64,
    version    UInt64,
    person     String
)
ENGINE = MergeTree
ORDER BY (project_id, segment_id, version, person);

CREATE TABLE IF NOT EXISTS {db}.segment_versions
(
    project_id   UInt64,
    segment_id   UInt64,
    version      UInt64,
    size         UInt64,
    refreshed_at DateTime('UTC')
)
ENGINE = MergeTree
ORDER BY (project_id, segment_id, version)
