package io.streamlytics.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's one typed configuration. Every value has a local default and can be overridden by
 * an {@code ANALYTICS_*} environment variable; {@link #fromEnvironment} validates all of them and
 * reports every wrong key with what was expected.
 *
 * <p>Empty URLs mean "run it locally": {@code bin/analytics up} then starts that service itself.
 */
public record PlatformConfig(
        Path home,
        Kafka kafka,
        ClickHouse clickhouse,
        Postgres postgres,
        Redis redis,
        Collector collector,
        Console console,
        Flink flink,
        Alerts alerts) {

    /** Kafka: an external cluster, or (empty bootstrap) the embedded broker on {@code port}. */
    public record Kafka(
            String bootstrapServers,
            int port,
            int controllerPort,
            String rawTopic,
            String dlqTopic,
            String enrichedTopic,
            String alertsTopic) {
        public boolean embedded() {
            return bootstrapServers.isEmpty();
        }

        public String effectiveBootstrapServers() {
            return embedded() ? "127.0.0.1:" + port : bootstrapServers;
        }
    }

    /**
     * ClickHouse over HTTP: an external server, or (empty url) a local process on these ports; and
     * the read-only user the console's SQL editor runs queries as (docs/sql.md).
     */
    public record ClickHouse(
            String url,
            int httpPort,
            int tcpPort,
            int interserverPort,
            String user,
            String password,
            String database,
            String sqlUser,
            String sqlPassword) {
        public boolean local() {
            return url.isEmpty();
        }

        public String effectiveUrl() {
            return local() ? "http://127.0.0.1:" + httpPort : url;
        }
    }

    /** PostgreSQL for metadata: an external JDBC URL, or (empty url) the embedded server. */
    public record Postgres(String url, int port, String user, String password, String database) {
        public boolean embedded() {
            return url.isEmpty();
        }

        public String effectiveUrl() {
            return embedded() ? "jdbc:postgresql://127.0.0.1:" + port + "/" + database : url;
        }
    }

    public record Redis(String url, int port) {
        public boolean local() {
            return url.isEmpty();
        }

        /** The URL clients connect to: the configured one, or the local server's. */
        public String effectiveUrl() {
            return local() ? "redis://127.0.0.1:" + port : url;
        }
    }

    /**
     * The collector: body limits for regular and for large-batch endpoints (PostHog, Amplitude),
     * rate limits (requests per second per client IP, events per second per write key), whether
     * X-Forwarded-For names the client, the bearer token that guards /metrics (empty: off), and the
     * one that guards {@code POST /admin/dlq/replay}, which the console's dead-letter page calls
     * (empty: off).
     */
    public record Collector(
            int port,
            int maxBatchBytes,
            int maxLargeBatchBytes,
            int requestsPerSecondPerIp,
            int eventsPerSecondPerKey,
            boolean trustForwardedFor,
            String metricsToken,
            String adminToken,
            Duration idleTimeout,
            String geoipDatabase) {}

    /**
     * The console: its port, the first admin, and the collector's address as the console reaches it
     * (for replaying dead letters; empty: the local collector on {@code 127.0.0.1}).
     */
    public record Console(int port, String adminEmail, String adminPassword, String collectorUrl) {
        public String effectiveCollectorUrl(int collectorPort) {
            return collectorUrl.isEmpty() ? "http://127.0.0.1:" + collectorPort : collectorUrl;
        }
    }

    /**
     * The alert engine (docs/alerts.md): the key that signs acknowledge links (empty: a random one
     * per console process, so links die with it), the console's address as people reach it (for
     * links in notifications; empty: {@code http://127.0.0.1:<console port>}), and the SMTP server
     * that sends email (empty host: no email).
     */
    public record Alerts(String signingSecret, String publicUrl, Smtp smtp) {
        /** The base of links in notifications, without a trailing slash. */
        public String linkBase(int consolePort) {
            String base = publicUrl.isEmpty() ? "http://127.0.0.1:" + consolePort : publicUrl;
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }
    }

    /** An SMTP server: STARTTLS when {@code startTls}; no login when {@code user} is empty. */
    public record Smtp(
            String host, int port, String user, String password, String from, boolean startTls) {
        public boolean configured() {
            return !host.isEmpty();
        }
    }

    /**
     * Flink: checkpoint interval (also the latency to ClickHouse), default parallelism, the local
     * REST port, the local Prometheus metrics port (0: off; it has no authentication, so keep it on
     * a private network), how long an insert id is remembered to drop repeats, and the session
     * rules: inactivity gap, maximum length, and the zone whose midnight ends sessions (empty:
     * none); the jobs the local stack runs; the local Flink SQL Gateway's port (0: off; it has no
     * authentication and listens on 127.0.0.1 only); how late an event may reach the Rules job and
     * still count (detection waits this long, docs/rules.md).
     */
    public record Flink(
            Duration checkpointInterval,
            int parallelism,
            int restPort,
            int metricsPort,
            Duration dedupWindow,
            Duration sessionGap,
            Duration sessionMaxLength,
            String sessionMidnightZone,
            java.util.Set<String> jobs,
            int sqlGatewayPort,
            Duration rulesLateness) {
        /** The Flink jobs there are: the event pipeline, the live metrics and the rules. */
        public static final java.util.Set<String> ALL_JOBS =
                java.util.Set.of("pipeline", "metrics", "rules");

        /** Whether the local stack runs {@code job} ({@code ANALYTICS_FLINK_JOBS}). */
        public boolean runs(String job) {
            return jobs.contains(job);
        }
    }

    public static PlatformConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static PlatformConfig fromEnvironment(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        PlatformConfig config =
                new PlatformConfig(
                        Path.of(r.string("ANALYTICS_HOME", "var")),
                        new Kafka(
                                r.string("ANALYTICS_KAFKA_BOOTSTRAP", ""),
                                r.port("ANALYTICS_KAFKA_PORT", 19092),
                                r.port("ANALYTICS_KAFKA_CONTROLLER_PORT", 19093),
                                r.string("ANALYTICS_TOPIC_RAW", "events.raw"),
                                r.string("ANALYTICS_TOPIC_DLQ", "events.dlq"),
                                r.string("ANALYTICS_TOPIC_ENRICHED", "events.enriched"),
                                r.string("ANALYTICS_TOPIC_ALERTS", "alerts")),
                        new ClickHouse(
                                r.url("ANALYTICS_CLICKHOUSE_URL", "http", "https"),
                                r.port("ANALYTICS_CLICKHOUSE_HTTP_PORT", 18123),
                                r.port("ANALYTICS_CLICKHOUSE_TCP_PORT", 19000),
                                r.port("ANALYTICS_CLICKHOUSE_INTERSERVER_PORT", 19009),
                                r.string("ANALYTICS_CLICKHOUSE_USER", "default"),
                                r.string("ANALYTICS_CLICKHOUSE_PASSWORD", ""),
                                r.identifier("ANALYTICS_CLICKHOUSE_DATABASE", "analytics"),
                                r.string("ANALYTICS_CLICKHOUSE_SQL_USER", "sql_reader"),
                                r.string("ANALYTICS_CLICKHOUSE_SQL_PASSWORD", "")),
                        new Postgres(
                                r.url("ANALYTICS_POSTGRES_URL", "jdbc:postgresql"),
                                r.port("ANALYTICS_POSTGRES_PORT", 15432),
                                r.string("ANALYTICS_POSTGRES_USER", "postgres"),
                                r.string("ANALYTICS_POSTGRES_PASSWORD", "postgres"),
                                r.identifier("ANALYTICS_POSTGRES_DATABASE", "analytics")),
                        new Redis(
                                r.url("ANALYTICS_REDIS_URL", "redis", "rediss"),
                                r.port("ANALYTICS_REDIS_PORT", 16379)),
                        new Collector(
                                r.port("ANALYTICS_COLLECTOR_PORT", 8088),
                                r.intIn(
                                        "ANALYTICS_COLLECTOR_MAX_BATCH_BYTES",
                                        1024 * 1024,
                                        1024,
                                        64 * 1024 * 1024,
                                        "a size in bytes between 1024 and 67108864"),
                                r.intIn(
                                        "ANALYTICS_COLLECTOR_MAX_LARGE_BATCH_BYTES",
                                        20 * 1024 * 1024,
                                        1024,
                                        256 * 1024 * 1024,
                                        "a size in bytes between 1024 and 268435456"),
                                r.intIn(
                                        "ANALYTICS_RATE_LIMIT_REQUESTS_PER_IP",
                                        500,
                                        1,
                                        10_000_000,
                                        "requests per second between 1 and 10000000"),
                                r.intIn(
                                        "ANALYTICS_RATE_LIMIT_EVENTS_PER_KEY",
                                        100_000,
                                        1,
                                        100_000_000,
                                        "events per second between 1 and 100000000"),
                                r.bool("ANALYTICS_COLLECTOR_TRUST_FORWARDED_FOR", false),
                                r.string("ANALYTICS_METRICS_TOKEN", ""),
                                r.string("ANALYTICS_COLLECTOR_ADMIN_TOKEN", ""),
                                Duration.ofSeconds(
                                        r.intIn(
                                                "ANALYTICS_COLLECTOR_IDLE_TIMEOUT_SECONDS",
                                                30,
                                                1,
                                                600,
                                                "seconds between 1 and 600")),
                                r.string("ANALYTICS_GEOIP_DATABASE", "")),
                        new Console(
                                r.port("ANALYTICS_CONSOLE_PORT", 8080),
                                r.string("ANALYTICS_ADMIN_EMAIL", "admin@localhost"),
                                r.string("ANALYTICS_ADMIN_PASSWORD", ""),
                                r.url("ANALYTICS_COLLECTOR_URL", "http", "https")),
                        new Flink(
                                Duration.ofMillis(
                                        r.intIn(
                                                "ANALYTICS_CHECKPOINT_INTERVAL_MS",
                                                5000,
                                                100,
                                                3_600_000,
                                                "milliseconds between 100 and 3600000")),
                                r.intIn(
                                        "ANALYTICS_FLINK_PARALLELISM",
                                        2,
                                        1,
                                        1024,
                                        "a parallelism between 1 and 1024"),
                                r.port("ANALYTICS_FLINK_REST_PORT", 8081),
                                r.intIn(
                                        "ANALYTICS_FLINK_METRICS_PORT",
                                        0,
                                        0,
                                        65535,
                                        "0 (off) or a TCP port number up to 65535"),
                                Duration.ofHours(
                                        r.intIn(
                                                "ANALYTICS_DEDUP_WINDOW_HOURS",
                                                7 * 24,
                                                1,
                                                90 * 24,
                                                "hours between 1 and 2160")),
                                Duration.ofMinutes(
                                        r.intIn(
                                                "ANALYTICS_SESSION_GAP_MINUTES",
                                                30,
                                                1,
                                                24 * 60,
                                                "minutes between 1 and 1440")),
                                Duration.ofHours(
                                        r.intIn(
                                                "ANALYTICS_SESSION_MAX_HOURS",
                                                24,
                                                1,
                                                7 * 24,
                                                "hours between 1 and 168")),
                                r.zone("ANALYTICS_SESSION_MIDNIGHT_ZONE"),
                                r.subset("ANALYTICS_FLINK_JOBS", Flink.ALL_JOBS, Flink.ALL_JOBS),
                                r.intIn(
                                        "ANALYTICS_SQL_GATEWAY_PORT",
                                        8083,
                                        0,
                                        65535,
                                        "0 (off) or a TCP port number up to 65535"),
                                Duration.ofMillis(
                                        r.intIn(
                                                "ANALYTICS_RULES_LATENESS_MS",
                                                5000,
                                                0,
                                                3_600_000,
                                                "milliseconds between 0 and 3600000"))),
                        new Alerts(
                                r.string("ANALYTICS_ALERTS_SECRET", ""),
                                r.url("ANALYTICS_CONSOLE_PUBLIC_URL", "http", "https"),
                                new Smtp(
                                        r.string("ANALYTICS_SMTP_HOST", ""),
                                        r.port("ANALYTICS_SMTP_PORT", 25),
                                        r.string("ANALYTICS_SMTP_USER", ""),
                                        r.string("ANALYTICS_SMTP_PASSWORD", ""),
                                        r.string("ANALYTICS_SMTP_FROM", "alerts@localhost"),
                                        r.bool("ANALYTICS_SMTP_STARTTLS", false))));
        config.checkLocalPortsDistinct(r);
        r.throwIfInvalid();
        return config;
    }

    private void checkLocalPortsDistinct(EnvReader r) {
        List<Map.Entry<String, Integer>> ports =
                List.of(
                        Map.entry("ANALYTICS_COLLECTOR_PORT", collector.port()),
                        Map.entry("ANALYTICS_CONSOLE_PORT", console.port()),
                        Map.entry("ANALYTICS_KAFKA_PORT", kafka.port()),
                        Map.entry("ANALYTICS_KAFKA_CONTROLLER_PORT", kafka.controllerPort()),
                        Map.entry("ANALYTICS_CLICKHOUSE_HTTP_PORT", clickhouse.httpPort()),
                        Map.entry("ANALYTICS_CLICKHOUSE_TCP_PORT", clickhouse.tcpPort()),
                        Map.entry(
                                "ANALYTICS_CLICKHOUSE_INTERSERVER_PORT",
                                clickhouse.interserverPort()),
                        Map.entry("ANALYTICS_POSTGRES_PORT", postgres.port()),
                        Map.entry("ANALYTICS_REDIS_PORT", redis.port()),
                        Map.entry("ANALYTICS_FLINK_REST_PORT", flink.restPort()),
                        Map.entry("ANALYTICS_FLINK_METRICS_PORT", flink.metricsPort()),
                        Map.entry("ANALYTICS_SQL_GATEWAY_PORT", flink.sqlGatewayPort()));
        Set<Integer> seen = new HashSet<>();
        for (Map.Entry<String, Integer> port : ports) {
            if (port.getValue() == 0) {
                continue; // off
            }
            r.check(
                    seen.add(port.getValue()),
                    port.getKey()
                            + "="
                            + port.getValue()
                            + ": expected a port no other service uses; it is taken by another"
                            + " ANALYTICS_*_PORT");
        }
    }
}
