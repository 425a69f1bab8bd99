-- Live funnels (real-time rules of type funnel, docs/rules.md): one row each time a key (person,
-- session, …) reaches a step, written exactly once by the Rules job; step = steps is a conversion.
CREATE TABLE IF NOT EXISTS {db}.funnel_progress
(
    project_id   UInt64,
    rule_id      String,
    rule_version UInt32,
    step         UInt8,
    steps        UInt8,
    step_name    String,
    key          String,
    at           DateTime('UTC'),
    insert_id    String,
    _batch       String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (project_id, rule_id, toDate(at), step, key)
