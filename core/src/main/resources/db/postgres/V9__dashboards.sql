-- Dashboards: saved insights and live counters in an order people choose. Shared privately (the
-- owner and the people they add), with everyone who may open the project, or by a public
-- read-only link.
CREATE TABLE dashboards (
    id                BIGSERIAL PRIMARY KEY,
    project_id        BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name              TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner_id          BIGINT      NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
    sharing           TEXT        NOT NULL DEFAULT 'private'
                                  CHECK (sharing IN ('private', 'project', 'public')),
    -- SHA-256 of the public link's token: the token is shown once, when the link is made
    public_token_hash TEXT        UNIQUE CHECK (public_token_hash IS NULL OR length(public_token_hash) = 64),
    refresh_seconds   INTEGER     NOT NULL DEFAULT 300 CHECK (refresh_seconds BETWEEN 10 AND 86400),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, name),
    CHECK ((sharing = 'public') = (public_token_hash IS NOT NULL))
);

-- People the owner added: viewers see a private dashboard, editors also change it.
CREATE TABLE dashboard_members (
    dashboard_id BIGINT NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
    role         TEXT   NOT NULL CHECK (role IN ('viewer', 'editor')),
    PRIMARY KEY (dashboard_id, user_id)
);

CREATE TABLE dashboard_widgets (
    id           BIGSERIAL PRIMARY KEY,
    dashboard_id BIGINT  NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
    -- a saved insight, drawn as it was saved; or a live counter (people active now)
    kind         TEXT    NOT NULL CHECK (kind IN ('insight', 'live')),
    insight_id   BIGINT  REFERENCES insights (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    CHECK ((kind = 'insight') = (insight_id IS NOT NULL))
);
CREATE INDEX dashboard_widgets_dashboard ON dashboard_widgets (dashboard_id, position);
