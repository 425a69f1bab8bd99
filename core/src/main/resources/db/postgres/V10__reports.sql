-- Reports: saved insights and preset numbers delivered on a schedule (cron in a timezone) by
-- email and signed webhook, as CSV and PDF; each delivery is kept as the report's history.
CREATE TABLE reports (
    id             BIGSERIAL PRIMARY KEY,
    project_id     BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name           TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- the report runs as its owner: it stops when the owner loses the project or is disabled
    owner_id       BIGINT      NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
    -- [{"insight": 12} | {"preset": "dau"}, ...] in the order they appear
    items          JSONB       NOT NULL,
    cron           TEXT        NOT NULL,
    timezone       TEXT        NOT NULL,
    emails         TEXT        NOT NULL DEFAULT '',
    webhook_url    TEXT,
    -- signs the webhook's body (HMAC-SHA256): the receiver needs it, so it is kept as it is
    webhook_secret TEXT        NOT NULL,
    formats        TEXT        NOT NULL DEFAULT 'csv,pdf',
    enabled        BOOLEAN     NOT NULL DEFAULT true,
    next_run_at    TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);
CREATE INDEX reports_due ON reports (next_run_at) WHERE enabled;

CREATE TABLE report_deliveries (
    id            BIGSERIAL PRIMARY KEY,
    report_id     BIGINT      NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    trigger       TEXT        NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    scheduled_for TIMESTAMPTZ NOT NULL,
    channel       TEXT        NOT NULL CHECK (channel IN ('email', 'webhook')),
    target        TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('sent', 'failed')),
    detail        TEXT        NOT NULL DEFAULT '',
    attachments   TEXT        NOT NULL DEFAULT '',
    took_ms       BIGINT      NOT NULL,
    finished_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX report_deliveries_report ON report_deliveries (report_id, id DESC);
