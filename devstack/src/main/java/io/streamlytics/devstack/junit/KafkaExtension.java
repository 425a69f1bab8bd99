package io.streamlytics.devstack.junit;

import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import java.nio.file.Path;

/**
 * A real KRaft Kafka broker shared by every test of the JVM; declare a {@link KafkaBroker}
 * parameter.
 */
public final class KafkaExtension extends ServiceExtension<KafkaBroker> {
    public KafkaExtension() {
        super(KafkaBroker.class);
    }

    @Override
    KafkaBroker start(Path workDir) {
        return KafkaBroker.start(workDir, Ports.free(2));
    }
}
