-- Real-time rules (docs/rules.md), one row per version: saving a rule adds a version, disabling it
-- adds a version with enabled = false. The Rules job runs each rule's newest version when enabled.
CREATE TABLE rules (
    project_id BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    rule_id    TEXT        NOT NULL CHECK (rule_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    version    INTEGER     NOT NULL CHECK (version >= 1),
    definition TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, rule_id, version)
);
