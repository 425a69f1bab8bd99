-- The alert engine (docs/alerts.md): alerts built from the Rules job's detections, their history,
-- the notifications sent for them, and what routes and quiets them.

-- Where notifications go: a webhook (signed with HMAC-SHA256 by `secret`), a Slack-compatible
-- incoming webhook, or email addresses (comma-separated) over the platform's SMTP server.
CREATE TABLE alert_channels (
    id         BIGSERIAL PRIMARY KEY,
    project_id BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name       TEXT        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    kind       TEXT        NOT NULL CHECK (kind IN ('webhook', 'slack', 'email')),
    target     TEXT        NOT NULL,
    secret     TEXT        NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);

-- Escalation policies: levels of channels, each notified `after` the alert fired until someone
-- acknowledges; alerts of one group (a rule, or a rule and key) that fire within `group_wait`
-- of each other travel in one message. `levels` is JSON: [{"after_ms": 0, "channels": ["ops"]}].
CREATE TABLE alert_policies (
    project_id    BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name          TEXT        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    group_by      TEXT        NOT NULL CHECK (group_by IN ('rule', 'key')),
    group_wait_ms BIGINT      NOT NULL CHECK (group_wait_ms >= 0),
    levels        TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, name)
);

-- One row per alert: a rule's key from its first firing detection until it resolves. `due_at` is
-- when the dispatcher must look at it next (fire a pending alert, escalate, resolve a sequence's
-- alert, send what a silence held back); null when nothing is due.
CREATE TABLE alerts (
    id               BIGSERIAL PRIMARY KEY,
    project_id       BIGINT           NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    rule_id          TEXT             NOT NULL,
    rule_version     INTEGER          NOT NULL,
    alert_key        TEXT             NOT NULL,
    severity         TEXT             NOT NULL,
    policy           TEXT             NOT NULL,
    state            TEXT             NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
    summary          TEXT             NOT NULL,
    value            DOUBLE PRECISION NOT NULL,
    detections       INTEGER          NOT NULL DEFAULT 1,
    event_at         TIMESTAMPTZ      NOT NULL,
    started_at       TIMESTAMPTZ      NOT NULL,
    last_detected_at TIMESTAMPTZ      NOT NULL,
    fires_at         TIMESTAMPTZ,
    fired_at         TIMESTAMPTZ,
    resolved_at      TIMESTAMPTZ,
    resolve_after_ms BIGINT,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    notified_state   TEXT             NOT NULL DEFAULT '',
    notified_level   INTEGER          NOT NULL DEFAULT -1,
    due_at           TIMESTAMPTZ
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (project_id, rule_id, alert_key) WHERE state <> 'resolved';
CREATE INDEX alerts_due ON alerts (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX alerts_by_project ON alerts (project_id, id DESC);

CREATE TABLE alert_history (
    id       BIGSERIAL PRIMARY KEY,
    alert_id BIGINT      NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    what     TEXT        NOT NULL,
    detail   TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX alert_history_by_alert ON alert_history (alert_id, id);

-- The outbox: one message to one channel for one group's alerts, sent (and retried) after the
-- transaction that decided it committed. Its id travels with it so a receiver can drop repeats.
CREATE TABLE alert_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    project_id      BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    channel_id      BIGINT      NOT NULL REFERENCES alert_channels (id) ON DELETE CASCADE,
    alert_ids       BIGINT[]    NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('firing', 'escalated', 'resolved')),
    payload         TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT        NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status = 'pending';

-- A silence quiets the alerts of a rule (null: every rule) and key (null: every key) for a time.
CREATE TABLE alert_silences (
    id         BIGSERIAL PRIMARY KEY,
    project_id BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    rule_id    TEXT,
    alert_key  TEXT,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    comment    TEXT        NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);

-- A maintenance window quiets a rule's alerts (null: every rule) every week on `days` (ISO day
-- numbers, 1 = Monday, comma-separated) from `starts` for `duration_minutes`, in `zone`.
CREATE TABLE alert_maintenance_windows (
    id               BIGSERIAL PRIMARY KEY,
    project_id       BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name             TEXT        NOT NULL,
    rule_id          TEXT,
    days             TEXT        NOT NULL,
    starts           TIME        NOT NULL,
    duration_minutes INTEGER     NOT NULL CHECK (duration_minutes BETWEEN 1 AND 10080),
    zone             TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- How far the engine has read Kafka `alerts`, written in the transaction that applied the
-- records: each detection is applied once, whatever restarts.
CREATE TABLE alert_offsets (
    topic       TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    next_offset BIGINT  NOT NULL,
    PRIMARY KEY (topic, partition)
);
