package io.streamlytics.devstack.junit;

import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.RedisServer;
import java.nio.file.Path;

/** A real Redis server shared by every test of the JVM; declare a {@link RedisServer} parameter. */
public final class RedisExtension extends ServiceExtension<RedisServer> {
    public RedisExtension() {
        super(RedisServer.class);
    }

    @Override
    RedisServer start(Path workDir) {
        return RedisServer.start(workDir, Ports.free(), workDir.resolve("redis.pid"));
    }
}
