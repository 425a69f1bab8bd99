-- One row per session; a session that grows is re-emitted with a higher version.
CREATE TABLE IF NOT EXISTS {db}.sessions
(
    project_id   UInt64,
    session_id   String,
    distinct_id  String,
    started_at   DateTime('UTC'),
    ended_at     DateTime('UTC'),
    duration_s   UInt32,
    events       UInt32,
    pageviews    UInt32,
    entry_url    String,
    exit_url     String,
    referrer     String,
    utm_source   String,
    utm_medium   String,
    utm_campaign String,
    is_bounce    UInt8,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (project_id, toDate(started_at), session_id)
