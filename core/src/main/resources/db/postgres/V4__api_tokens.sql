-- Read tokens for a project's APIs (live metrics over REST, SSE and WebSocket). Only a SHA-256
-- hash of each token is stored: a token is shown once, when it is created.
CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    project_id  BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    label       TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX api_tokens_project ON api_tokens (project_id);
