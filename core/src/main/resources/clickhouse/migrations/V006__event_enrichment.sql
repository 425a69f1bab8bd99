-- What the collector's enrichment adds: parsed user agent, referrer domain, timestamp flags.
-- (ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS; the migration runner treats an existing
-- column as already added.)
ALTER TABLE {db}.events
    ADD COLUMN referrer_domain String AFTER page_title,
    ADD COLUMN browser String AFTER user_agent,
    ADD COLUMN browser_version String AFTER browser,
    ADD COLUMN os String AFTER browser_version,
    ADD COLUMN os_version String AFTER os,
    ADD COLUMN device_type String AFTER os_version,
    ADD COLUMN flags String AFTER utm_content
