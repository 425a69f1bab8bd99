package io.streamlytics.core.postgres;

import io.streamlytics.core.metrics.MetricDefinition;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The projects' metric definitions in the metadata database (table {@code metric_definitions}). */
public final class MetricDefinitions {
    private final PostgresSettings settings;

    public MetricDefinitions(PostgresSettings settings) {
        this.settings = settings;
    }

    /** Every project's own definition; projects without one are absent (they get the default). */
    public Map<Long, MetricDefinition> all() {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT project_id, dimensions, measures FROM metric_definitions");
                ResultSet r = s.executeQuery()) {
            Map<Long, MetricDefinition> definitions = new HashMap<>();
            while (r.next()) {
                definitions.put(
                        r.getLong(1),
                        new MetricDefinition(strings(r.getArray(2)), strings(r.getArray(3))));
            }
            return definitions;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the metric definitions", e);
        }
    }

    /** Sets a project's definition; the running Metrics job picks it up within seconds. */
    public void set(long projectId, MetricDefinition definition) {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO metric_definitions (project_id, dimensions, measures)"
                                        + " VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET"
                                        + " dimensions = EXCLUDED.dimensions,"
                                        + " measures = EXCLUDED.measures, updated_at = now()")) {
            s.setLong(1, projectId);
            s.setArray(2, c.createArrayOf("text", definition.dimensions().toArray()));
            s.setArray(3, c.createArrayOf("text", definition.measures().toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not set the metric definition of project " + projectId, e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }
}
