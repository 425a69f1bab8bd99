-- Live metrics per project, minute, event and dimension value, as the Metrics job finalises them
-- (a minute is written once, after its allowed lateness). event '*' is every event; dimension ''
-- is no breakdown. uniques is a HyperLogLog estimate (about 1.6% error); exact uniques over any
-- range come from events. Measures (numeric properties) are parallel arrays.
CREATE TABLE IF NOT EXISTS {db}.metrics_1m
(
    minute         DateTime('UTC'),
    project_id     UInt64,
    event          String,
    dimension      String,
    value          String,
    events         UInt64,
    uniques        UInt64,
    measure_names  Array(String),
    measure_counts Array(UInt64),
    measure_sums   Array(Float64),
    measure_p50    Array(Float64),
    measure_p95    Array(Float64),
    _batch         String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (project_id, minute, event, dimension, value)
