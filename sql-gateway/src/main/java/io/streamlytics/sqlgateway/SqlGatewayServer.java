package io.streamlytics.sqlgateway;

import io.streamlytics.sqlgateway.catalog.StreamlyticsCatalogFactory;
import io.streamlytics.sqlgateway.catalog.StreamlyticsCatalogSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * Flink's SQL Gateway (REST API v2 of flink-sql-gateway) with the {@code streamlytics} catalog in
 * every session: {@code streamlytics.live.*} (Kafka topics, streaming) and {@code
 * streamlytics.history.*} (ClickHouse tables). Queries run on a Flink MiniCluster started with it
 * (a cluster of its own, so ad-hoc queries cannot slow the platform's jobs).
 *
 * <p>The gateway's REST API has no authentication of its own, so it listens on the loopback
 * interface only; reach it through the machine, or put an authenticating proxy in front.
 */
public final class SqlGatewayServer implements AutoCloseable {
    private final SqlGateway gateway;
    private final MiniCluster cluster;
    private final int port;

    private SqlGatewayServer(SqlGateway gateway, MiniCluster cluster, int port) {
        this.gateway = gateway;
        this.cluster = cluster;
        this.port = port;
    }

    /**
     * Starts the gateway on {@code 127.0.0.1:port}; the catalog's settings (a password among them)
     * are written to {@code workDir} with owner-only permissions.
     */
    public static SqlGatewayServer start(
            int port, StreamlyticsCatalogSettings catalog, Path workDir) {
        MiniCluster cluster = cluster();
        Configuration config = new Configuration();
        // the gateway submits detached, which a local executor refuses: it talks to the cluster's
        // REST API
        config.setString("execution.target", "remote");
        config.setString("rest.address", "127.0.0.1");
        config.setString("rest.port", Integer.toString(cluster.getRestAddress().join().getPort()));
        config.setString("sql-gateway.endpoint.type", "rest");
        config.setString("sql-gateway.endpoint.rest.address", "127.0.0.1");
        config.setString("sql-gateway.endpoint.rest.bind-address", "127.0.0.1");
        config.setString("sql-gateway.endpoint.rest.port", Integer.toString(port));
        config.setString("table.catalog-store.kind", "file");
        config.setString(
                "table.catalog-store.file.path", catalogStore(catalog, workDir).toString());
        SessionManager sessions = SessionManager.create(new DefaultContext(config, List.of()));
        SqlGateway gateway = new SqlGateway(config, sessions);
        try {
            gateway.start();
        } catch (Exception e) {
            gateway.stop();
            closeQuietly(cluster);
            throw new IllegalStateException("the SQL gateway did not start: " + e.getMessage(), e);
        }
        return new SqlGatewayServer(gateway, cluster, port);
    }

    /**
     * The Flink cluster the queries run on: one TaskManager with four slots, REST on a free port.
     */
    private static MiniCluster cluster() {
        Configuration config = new Configuration();
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("rest.address", "127.0.0.1");
        config.setString("rest.port", "0");
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(4)
                                .build());
        try {
            cluster.start();
            return cluster;
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new IllegalStateException(
                    "the SQL gateway's Flink cluster did not start: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(MiniCluster cluster) {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one to report
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        gateway.stop();
        closeQuietly(cluster);
    }

    /** A file catalog store holding one catalog, {@code streamlytics}. */
    private static Path catalogStore(StreamlyticsCatalogSettings catalog, Path workDir) {
        try {
            Path store = Files.createDirectories(workDir.resolve("catalogs"));
            Path file = store.resolve(StreamlyticsCatalogFactory.IDENTIFIER + ".yaml");
            Files.deleteIfExists(file);
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    file,
                    "type: "
                            + StreamlyticsCatalogFactory.IDENTIFIER
                            + "\nkafka.bootstrap-servers: "
                            + yaml(catalog.kafkaBootstrap())
                            + "\nclickhouse.url: "
                            + yaml(catalog.clickhouseJdbcUrl())
                            + "\nclickhouse.username: "
                            + yaml(catalog.clickhouseUser())
                            + "\nclickhouse.password: "
                            + yaml(catalog.clickhousePassword())
                            + "\n");
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML double-quoted scalar. */
    private static String yaml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
