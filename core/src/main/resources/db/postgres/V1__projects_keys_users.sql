-- Metadata of the platform. Flyway applies these in version order; never edit an applied file.

CREATE TABLE projects (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- how the collector stores client IPs: keep, truncate (last octet / 80 bits zeroed) or drop
    ip_mode     TEXT        NOT NULL DEFAULT 'truncate' CHECK (ip_mode IN ('keep', 'truncate', 'drop')),
    timezone    TEXT        NOT NULL DEFAULT 'UTC',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Write keys are public by design (they ship inside browser and mobile apps): they identify the
-- project and can only send events; revoking one stops it at once.
CREATE TABLE write_keys (
    key         TEXT PRIMARY KEY CHECK (length(key) BETWEEN 16 AND 100),
    project_id  BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    label       TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX write_keys_project ON write_keys (project_id);

CREATE TABLE console_users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT        NOT NULL UNIQUE CHECK (position('@' IN email) > 1),
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL DEFAULT 'analyst' CHECK (role IN ('admin', 'analyst', 'viewer')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled_at   TIMESTAMPTZ
);
