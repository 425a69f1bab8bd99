package io.streamlytics.flink.sessions;

import io.streamlytics.flink.common.SelectedProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code revenue} property of an event (a number, or a numeric string), 0 when absent. */
final class Revenue {
    private static final Set<String> NAME = Set.of("revenue");

    private Revenue() {}

    static double of(String properties) {
        Map<String, String> values = new HashMap<>(2);
        SelectedProperties.read(properties, NAME, values);
        double revenue = SelectedProperties.number(values.get("revenue"));
        return Double.isNaN(revenue) ? 0 : revenue;
    }
}
