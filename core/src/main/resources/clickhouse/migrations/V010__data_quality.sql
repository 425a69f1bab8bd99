-- Data quality per project, event name and hour: volume, rejections by reason, schema drift,
-- empty key fields, and the volume against the same hour a week earlier.
CREATE TABLE IF NOT EXISTS {db}.data_quality
(
    hour                DateTime('UTC'),
    project_id          UInt64,
    event               String,
    events              UInt64,
    invalid             UInt64,
    invalid_reasons     String,
    new_properties      Array(String),
    type_changes        Array(String),
    null_rates          String,
    same_hour_last_week Int64,
    anomaly             UInt8,
    anomaly_score       Float64,
    _batch              String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, hour, event)
