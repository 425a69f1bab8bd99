-- The console's workspace: who may open which project, and what people did with the data.

-- Admins open every project; analysts and viewers the projects they are members of. The role
-- (console_users.role) says what they may do there: viewers read, analysts also save and export.
CREATE TABLE project_members (
    project_id  BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     BIGINT      NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

-- Every data access, export and change made by a person in the console. Kept when the project
-- goes (project_id set to NULL): the trail must outlive what it describes.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    project_id  BIGINT      REFERENCES projects (id) ON DELETE SET NULL,
    action      TEXT        NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    detail      TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_project_at ON audit_log (project_id, at);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at);

-- Insights saved from the console's builders: the query (the JSON query model, docs/query-model.md)
-- and how it is drawn. Names are unique in a project.
CREATE TABLE insights (
    id          BIGSERIAL PRIMARY KEY,
    project_id  BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        TEXT        NOT NULL CHECK (kind IN ('trends', 'funnels', 'retention', 'paths')),
    query       JSONB       NOT NULL,
    chart       TEXT        NOT NULL DEFAULT 'line'
                            CHECK (chart IN ('line', 'bar', 'area', 'number', 'table')),
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);
