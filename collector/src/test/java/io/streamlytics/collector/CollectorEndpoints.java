package io.streamlytics.collector;

import io.streamlytics.collector.http.Collector;
import java.util.Set;

/** The ingestion paths the collector serves, for tests that check documents against them. */
final class CollectorEndpoints {
    private CollectorEndpoints() {}

    static Set<String> paths() {
        return Collector.ingestionPaths();
    }
}
