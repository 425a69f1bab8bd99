package io.streamlytics.flink.metrics;

import io.streamlytics.core.metrics.MetricDefinition;
import io.streamlytics.core.postgres.MetricDefinitions;
import io.streamlytics.core.postgres.PostgresSettings;
import java.io.Serializable;
import java.util.Map;

/**
 * Where the running job reads the projects' metric definitions from. {@link PreAggregateMetrics}
 * reads it again every few seconds, so a change applies without a restart.
 */
@FunctionalInterface
public interface DefinitionsSource extends Serializable {
    /**
     * Every project's own definition; projects without one get {@link MetricDefinition#DEFAULT}.
     */
    Map<Long, MetricDefinition> load();

    static DefinitionsSource postgres(PostgresSettings settings) {
        return () -> new MetricDefinitions(settings).all();
    }

    static DefinitionsSource fixed(Map<Long, MetricDefinition> definitions) {
        Map<Long, MetricDefinition> copy = Map.copyOf(definitions);
        return () -> copy;
    }
}
