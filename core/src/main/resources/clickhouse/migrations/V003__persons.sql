-- People and the ids that point at them; the latest version of a row wins.
CREATE TABLE IF NOT EXISTS {db}.persons
(
    project_id  UInt64,
    person_id   String,
    properties  String,
    created_at  DateTime('UTC'),
    updated_at  DateTime('UTC'),
    is_deleted  UInt8,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project_id, person_id);

CREATE TABLE IF NOT EXISTS {db}.person_aliases
(
    project_id  UInt64,
    distinct_id String,
    person_id   String,
    is_deleted  UInt8,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project_id, distinct_id)
