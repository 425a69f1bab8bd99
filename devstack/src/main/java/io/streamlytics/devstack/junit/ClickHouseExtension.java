package io.streamlytics.devstack.junit;

import io.streamlytics.devstack.ClickHouseServer;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A real ClickHouse server shared by every test of the JVM; declare a {@link ClickHouseServer}
 * parameter.
 */
public final class ClickHouseExtension extends ServiceExtension<ClickHouseServer> {
    public ClickHouseExtension() {
        super(ClickHouseServer.class);
    }

    @Override
    ClickHouseServer start(Path workDir) {
        return ClickHouseServer.start(
                workDir,
                ClickHouseServer.Ports.free(),
                UUID.randomUUID().toString(),
                workDir.resolve("clickhouse.pid"));
    }
}
