-- A widget takes one column of its dashboard's grid, or two (a wide chart).
ALTER TABLE dashboard_widgets ADD COLUMN width SMALLINT NOT NULL DEFAULT 1 CHECK (width IN (1, 2));
