-- Commit tokens of the exactly-once ClickHouse sink: a token is recorded after its rows were
-- inserted, so a retried commit skips it. Small (one row per table, partition and checkpoint);
-- old partitions can be dropped once no checkpoint that old can be restored.
CREATE TABLE IF NOT EXISTS {db}.sink_commits
(
    token        String,
    target_table String,
    rows         UInt32,
    committed_at DateTime('UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(committed_at)
ORDER BY token
