-- What the Metrics job computes for a project, besides counts and unique users per event:
-- breakdowns by these event properties (at most 5) and sums, averages and percentiles of these
-- numeric properties (at most 5). A project without a row gets the platform's defaults.
-- The job reads the table every few seconds, so a change applies without a restart.
CREATE TABLE metric_definitions (
    project_id  BIGINT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    dimensions  TEXT[]      NOT NULL DEFAULT '{}' CHECK (cardinality(dimensions) <= 5),
    measures    TEXT[]      NOT NULL DEFAULT '{revenue}' CHECK (cardinality(measures) <= 5),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
