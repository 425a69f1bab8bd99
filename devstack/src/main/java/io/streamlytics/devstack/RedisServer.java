package io.streamlytics.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Redis server (Debian's {@code redis-server}) as a child process on loopback. */
public final class RedisServer implements AutoCloseable {
    private final ChildProcess process;
    private final int port;

    private RedisServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RedisServer start(Path dir, int port, Path pidFile) {
        Path binary = Executables.require("redis-server", "redis-server");
        if (!Ports.isFree(port)) {
            throw new ServiceStartException(
                    "Redis cannot start: port "
                            + port
                            + " is already in use. Stop what uses it or set ANALYTICS_REDIS_PORT.");
        }
        Path data = dir.toAbsolutePath();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = data.resolve("redis.log");
        // Live counters and caches only: nothing Redis holds is the system of record.
        ChildProcess process =
                ChildProcess.start(
                        "redis",
                        List.of(
                                binary.toString(),
                                "--port",
                                Integer.toString(port),
                                "--bind",
                                "127.0.0.1",
                                "--dir",
                                data.toString(),
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--daemonize",
                                "no"),
                        log,
                        pidFile);
        RedisServer server = new RedisServer(process, port);
        if (!Waits.until(
                Duration.ofSeconds(20), () -> !process.isAlive() || Ports.isListening(port))) {
            server.close();
            throw new ServiceStartException(
                    "Redis did not listen on " + port + " within 20 s; see " + log);
        }
        process.checkAlive(log);
        return server;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
