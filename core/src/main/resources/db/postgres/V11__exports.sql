-- Data exports: raw events or a saved insight written to a file (CSV, NDJSON or Parquet) in the
-- background, page by page, with its progress; downloaded by the people of the project, and
-- deleted when it expires.
CREATE TABLE exports (
    id            BIGSERIAL PRIMARY KEY,
    project_id    BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- a console user's email, or "API token"
    requested_by  TEXT        NOT NULL,
    source        TEXT        NOT NULL CHECK (source IN ('events', 'insight')),
    -- events: {"from", "to", "events": [...]}; insight: {"insight": id}
    spec          JSONB       NOT NULL,
    format        TEXT        NOT NULL CHECK (format IN ('csv', 'ndjson', 'parquet')),
    status        TEXT        NOT NULL DEFAULT 'queued'
                              CHECK (status IN ('queued', 'running', 'done', 'failed')),
    rows_expected BIGINT,
    rows_written  BIGINT      NOT NULL DEFAULT 0,
    bytes         BIGINT      NOT NULL DEFAULT 0,
    error         TEXT        NOT NULL DEFAULT '',
    notify_email  TEXT        NOT NULL DEFAULT '',
    notify_url    TEXT        NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ
);
CREATE INDEX exports_project ON exports (project_id, id DESC);
CREATE INDEX exports_waiting ON exports (id) WHERE status IN ('queued', 'running');
