package io.streamlytics.launcher.stack;

import io.streamlytics.devstack.Ports;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a whole stack of its own beside any other on the machine: a data directory and a
 * free port for every service. Used by benchmarks and end-to-end tests.
 */
public final class IsolatedEnvironment {
    private static final String[] PORTS = {
        "COLLECTOR_PORT",
        "CONSOLE_PORT",
        "KAFKA_PORT",
        "KAFKA_CONTROLLER_PORT",
        "CLICKHOUSE_HTTP_PORT",
        "CLICKHOUSE_TCP_PORT",
        "CLICKHOUSE_INTERSERVER_PORT",
        "POSTGRES_PORT",
        "REDIS_PORT",
        "FLINK_REST_PORT",
        "SQL_GATEWAY_PORT"
    };

    private IsolatedEnvironment() {}

    /** {@code ANALYTICS_*} variables; {@code morePorts} names optional ports to turn on too. */
    public static Map<String, String> of(Path home, String... morePorts) {
        Map<String, String> env = new HashMap<>();
        env.put("ANALYTICS_HOME", home.toString());
        for (String key : PORTS) {
            env.put("ANALYTICS_" + key, Integer.toString(Ports.free()));
        }
        for (String key : morePorts) {
            env.put("ANALYTICS_" + key, Integer.toString(Ports.free()));
        }
        return env;
    }
}
