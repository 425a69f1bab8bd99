-- Every accepted event, exactly once. Valid on ClickHouse 18.16 and current servers.
-- _batch is the exactly-once sink's commit token: one INSERT (one part per partition) per token,
-- so a retried commit can tell whether its rows already landed.
CREATE TABLE IF NOT EXISTS {db}.events
(
    project_id      UInt64,
    insert_id       String,
    event           String,
    distinct_id     String,
    anonymous_id    String,
    user_id         String,
    timestamp       DateTime('UTC'),
    client_timestamp DateTime('UTC'),
    sent_at         DateTime('UTC'),
    received_at     DateTime('UTC'),
    properties      String,
    set_properties  String,
    set_once_properties String,
    page_url        String,
    page_path       String,
    page_referrer   String,
    page_title      String,
    user_agent      String,
    ip              String,
    library_name    String,
    library_version String,
    locale          String,
    screen_width    UInt16,
    screen_height   UInt16,
    utm_source      String,
    utm_medium      String,
    utm_campaign    String,
    utm_term        String,
    utm_content     String,
    _batch          String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(timestamp)
ORDER BY (project_id, toDate(timestamp), event, cityHash64(distinct_id), timestamp)
SAMPLE BY cityHash64(distinct_id)
