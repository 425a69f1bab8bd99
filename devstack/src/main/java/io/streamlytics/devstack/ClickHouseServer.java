package io.streamlytics.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * A real ClickHouse server (Debian's {@code clickhouse-server}) run as a child process with its own
 * minimal configuration and all data under one directory. It listens on loopback only and requires
 * a password.
 */
public final class ClickHouseServer implements AutoCloseable {
    public static final String USER = "default";

    /**
     * The read-only user of the console's SQL editor: no writes, no settings, no table functions,
     * 30 s a query, 10,001 rows a result, and an hourly quota.
     */
    public static final String READER = "sql_reader";

    private final ChildProcess process;
    private final int httpPort;
    private final int tcpPort;
    private final String password;
    private final String readerPassword;

    private ClickHouseServer(
            ChildProcess process,
            int httpPort,
            int tcpPort,
            String password,
            String readerPassword) {
        this.process = process;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.password = password;
        this.readerPassword = readerPassword;
    }

    /**
     * Ports of one server: HTTP for clients, native TCP, and the inter-server port it also binds.
     */
    public record Ports(int http, int tcp, int interserver) {
        /** Three different ports that were free a moment ago. */
        public static Ports free() {
            int[] ports = io.streamlytics.devstack.Ports.free(3);
            return new Ports(ports[0], ports[1], ports[2]);
        }
    }

    /** A server whose read-only user has a password of its own, made up here. */
    public static ClickHouseServer start(Path dir, Ports ports, String password, Path pidFile) {
        return start(dir, ports, password, java.util.UUID.randomUUID().toString(), pidFile);
    }

    public static ClickHouseServer start(
            Path dir, Ports ports, String password, String readerPassword, Path pidFile) {
        Path binary =
                Executables.require("clickhouse-server", "clickhouse-server clickhouse-client");
        for (int port : List.of(ports.http(), ports.tcp(), ports.interserver())) {
            if (!io.streamlytics.devstack.Ports.isFree(port)) {
                throw new ServiceStartException(
                        "ClickHouse cannot start: port "
                                + port
                                + " is already in use. Stop what uses it or choose other ports"
                                + " (ANALYTICS_CLICKHOUSE_HTTP_PORT, ANALYTICS_CLICKHOUSE_TCP_PORT).");
            }
        }
        Path data = dir.toAbsolutePath();
        Path log = data.resolve("log/clickhouse-server.log");
        try {
            Files.createDirectories(data.resolve("tmp"));
            Files.createDirectories(data.resolve("user_files"));
            Files.createDirectories(data.resolve("log"));
            Files.writeString(data.resolve("config.xml"), config(data, ports));
            Files.writeString(data.resolve("users.xml"), users(password, readerPassword));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess process =
                ChildProcess.start(
                        "clickhouse",
                        List.of(binary.toString(), "--config-file=" + data.resolve("config.xml")),
                        data.resolve("log/stdout.log"),
                        pidFile);
        ClickHouseServer server =
                new ClickHouseServer(process, ports.http(), ports.tcp(), password, readerPassword);
        if (!Waits.until(Duration.ofSeconds(60), () -> !process.isAlive() || server.ping())) {
            server.close();
            throw new ServiceStartException(
                    "ClickHouse did not answer /ping within 60 s; see " + log);
        }
        process.checkAlive(data.resolve("log/clickhouse-server.err.log"));
        return server;
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public String readerPassword() {
        return readerPassword;
    }

    public long pid() {
        return process.pid();
    }

    public boolean ping() {
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(httpUrl() + "/ping"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }

    private static String config(Path data, Ports ports) {
        return """
                <?xml version="1.0"?>
                <yandex>
                    <logger>
                        <level>warning</level>
                        <log>%1$s/log/clickhouse-server.log</log>
                        <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
                        <size>100M</size>
                        <count>3</count>
                    </logger>
                    <listen_host>127.0.0.1</listen_host>
                    <http_port>%2$d</http_port>
                    <tcp_port>%3$d</tcp_port>
                    <interserver_http_port>%4$d</interserver_http_port>
                    <interserver_http_host>127.0.0.1</interserver_http_host>
                    <max_connections>1024</max_connections>
                    <keep_alive_timeout>3</keep_alive_timeout>
                    <max_concurrent_queries>100</max_concurrent_queries>
                    <uncompressed_cache_size>1073741824</uncompressed_cache_size>
                    <mark_cache_size>536870912</mark_cache_size>
                    <path>%1$s/</path>
                    <tmp_path>%1$s/tmp/</tmp_path>
                    <user_files_path>%1$s/user_files/</user_files_path>
                    <users_config>%1$s/users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <mlock_executable>false</mlock_executable>
                    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
                    <max_session_timeout>3600</max_session_timeout>
                    <default_session_timeout>60</default_session_timeout>
                </yandex>
                """
                .formatted(data, ports.http(), ports.tcp(), ports.interserver());
    }

    private static String users(String password, String readerPassword) {
        return """
                <?xml version="1.0"?>
                <yandex>
                    <profiles>
                        <default>
                            <max_memory_usage>4000000000</max_memory_usage>
                            <load_balancing>random</load_balancing>
                        </default>
                        <sql_reader>
                            <readonly>1</readonly>
                            <max_execution_time>30</max_execution_time>
                            <timeout_overflow_mode>throw</timeout_overflow_mode>
                            <max_result_rows>10001</max_result_rows>
                            <max_result_bytes>104857600</max_result_bytes>
                            <result_overflow_mode>break</result_overflow_mode>
                            <max_memory_usage>2000000000</max_memory_usage>
                            <max_rows_to_read>2000000000</max_rows_to_read>
                        </sql_reader>
                    </profiles>
                    <users>
                        <default>
                            <password_sha256_hex>%s</password_sha256_hex>
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                        <sql_reader>
                            <password_sha256_hex>%s</password_sha256_hex>
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>sql_reader</profile>
                            <quota>sql_reader</quota>
                        </sql_reader>
                    </users>
                    <quotas>
                        <default>
                            <interval>
                                <duration>3600</duration>
                                <queries>0</queries>
                                <errors>0</errors>
                                <result_rows>0</result_rows>
                                <read_rows>0</read_rows>
                                <execution_time>0</execution_time>
                            </interval>
                        </default>
                        <sql_reader>
                            <interval>
                                <duration>3600</duration>
                                <queries>2000</queries>
                                <errors>0</errors>
                                <result_rows>0</result_rows>
                                <read_rows>50000000000</read_rows>
                                <execution_time>3600</execution_time>
                            </interval>
                        </sql_reader>
                    </quotas>
                </yandex>
                """
                .formatted(sha256Hex(password), sha256Hex(readerPassword));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
