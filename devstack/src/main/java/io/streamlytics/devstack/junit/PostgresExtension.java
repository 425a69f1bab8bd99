package io.streamlytics.devstack.junit;

import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.PostgresServer;
import java.nio.file.Path;

/**
 * A real PostgreSQL server shared by every test of the JVM; declare a {@link PostgresServer}
 * parameter.
 */
public final class PostgresExtension extends ServiceExtension<PostgresServer> {
    public PostgresExtension() {
        super(PostgresServer.class);
    }

    @Override
    PostgresServer start(Path workDir) {
        return PostgresServer.start(workDir.resolve("data"), Ports.free());
    }
}
