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
        // distinct by construction: the platform refuses two services on one port
        int[] ports = Ports.free(PORTS.length + morePorts.length);
        for (int i = 0; i < PORTS.length; i++) {
            env.put("ANALYTICS_" + PORTS[i], Integer.toString(ports[i]));
        }
        for (int i = 0; i < morePorts.length; i++) {
            env.put("ANALYTICS_" + morePorts[i], Integer.toString(ports[PORTS.length + i]));
        }
        return env;
    }
}
