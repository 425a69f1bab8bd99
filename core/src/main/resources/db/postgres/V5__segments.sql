-- Segments of people. Dynamic ones are worked out from their definition (schemas/segment.v1.json
-- in the query module) every refresh_minutes; static ones hold people uploaded as CSV or saved
-- from a funnel. Members and sizes over time live in ClickHouse (segment_members,
-- segment_versions); size and refreshed_at here are the newest.
CREATE TABLE segments (
    id              BIGSERIAL PRIMARY KEY,
    project_id      BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind            TEXT        NOT NULL CHECK (kind IN ('dynamic', 'static')),
    definition      JSONB,
    refresh_minutes INTEGER     NOT NULL DEFAULT 60 CHECK (refresh_minutes BETWEEN 1 AND 10080),
    refreshed_at    TIMESTAMPTZ,
    size            BIGINT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, name),
    CHECK ((kind = 'dynamic') = (definition IS NOT NULL))
);
