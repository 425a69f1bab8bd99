package io.streamlytics.launcher.cli;

import io.streamlytics.launcher.stack.StackState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/** Says what the local stack runs, where, and whether each part answers. */
final class StatusCommand {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StatusCommand() {}

    static int run(Path home) {
        Map<String, String> state = StackState.read(home.resolve("run"));
        String phase = state.getOrDefault("phase", "not started");
        boolean launcherAlive = alive(home.resolve("run/launcher.pid"));
        System.out.println(
                "local stack: "
                        + (launcherAlive ? phase : "not running (last phase: " + phase + ")"));
        if (state.containsKey("error")) {
            System.out.println("  error: " + state.get("error").replace("\\n", "\n  "));
        }
        if (!launcherAlive) {
            return 1;
        }
        Map<String, Supplier<String>> checks = new LinkedHashMap<>();
        checks.put(
                "clickhouse  " + state.getOrDefault("clickhouse.url", "external"),
                () -> http(state.get("clickhouse.url") + "/ping", "Ok"));
        checks.put(
                "redis       127.0.0.1:" + state.getOrDefault("redis.port", "?"),
                () -> redis(state.get("redis.port")));
        checks.put(
                "postgres    " + state.getOrDefault("postgres.url", "external"),
                () -> tcp(state.get("postgres.url")));
        checks.put(
                "kafka       " + state.getOrDefault("kafka.bootstrap", "?"),
                () -> tcp("x://" + state.get("kafka.bootstrap")));
        checks.put(
                "collector   " + state.getOrDefault("collector.url", "?"),
                () -> http(state.get("collector.url") + "/health/ready", "ready"));
        checks.put(
                "flink       " + state.getOrDefault("flink.url", "?"),
                () -> http(state.get("flink.url") + "/jobs/overview", "RUNNING"));
        if (state.containsKey("sql.gateway.url")) {
            checks.put(
                    "sql gateway " + state.get("sql.gateway.url"),
                    () -> http(state.get("sql.gateway.url") + "/v1/info", "productName"));
        }
        checks.put(
                "console     " + state.getOrDefault("console.url", "?"),
                () -> http(state.get("console.url") + "/actuator/health", "UP"));
        boolean healthy = true;
        for (Map.Entry<String, Supplier<String>> check : checks.entrySet()) {
            String result = check.getValue().get();
            healthy &= result.equals("healthy");
            System.out.printf("  %-60s %s%n", check.getKey(), result);
        }
        if (state.containsKey("write.key")) {
            System.out.println(
                    "  write key: "
                            + state.get("write.key")
                            + (state.containsKey("demo") ? "   (demo traffic on)" : ""));
        }
        if (state.containsKey("api.token.file")) {
            System.out.println(
                    "  API token (live API, Authorization: Bearer): in "
                            + state.get("api.token.file"));
        }
        return healthy ? 0 : 1;
    }

    private static boolean alive(Path pidFile) {
        try {
            return Files.exists(pidFile)
                    && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                            .map(ProcessHandle::isAlive)
                            .orElse(false);
        } catch (Exception e) {
            return false;
        }
    }

    private static String http(String url, String expect) {
        if (url == null || url.startsWith("null")) {
            return "unknown";
        }
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    // a JobManager replaying history right after up answers slowly
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(expect)
                    ? "healthy"
                    : "UNHEALTHY (HTTP " + response.statusCode() + ")";
        } catch (Exception e) {
            return "DOWN (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String redis(String port) {
        if (port == null) {
            return "unknown";
        }
        try (Jedis jedis = new Jedis("127.0.0.1", Integer.parseInt(port), 2000)) {
            return "PONG".equals(jedis.ping()) ? "healthy" : "UNHEALTHY";
        } catch (Exception e) {
            return "DOWN (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Whether host:port of a URL accepts connections. */
    private static String tcp(String url) {
        if (url == null || url.contains("null")) {
            return "unknown";
        }
        try {
            URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                uri.getHost() == null
                                        ? InetAddress.getLoopbackAddress().getHostAddress()
                                        : uri.getHost(),
                                uri.getPort()),
                        2000);
                return "healthy";
            }
        } catch (Exception e) {
            return "DOWN (" + e.getClass().getSimpleName() + ")";
        }
    }
}
