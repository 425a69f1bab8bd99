package io.streamlytics.core.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A ClickHouse client over HTTP that works with ClickHouse 18.16 and current servers alike: HTTP
 * compression off (18.16's breaks modern clients), every query names its format (JSONEachRow) and
 * its result is read as text.
 */
public final class ClickHouse implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Client client;
    private final String database;

    private ClickHouse(Client client, String database) {
        this.client = client;
        this.database = database;
    }

    public static ClickHouse connect(ClickHouseSettings settings) {
        return new ClickHouse(builder(settings).build(), Sql.identifier(settings.database()));
    }

    /**
     * A client whose unqualified table names resolve in {@code sessionDatabase} (the SQL editor's
     * empty one), while {@link #table} still names the platform's tables.
     */
    public static ClickHouse connect(ClickHouseSettings settings, String sessionDatabase) {
        return new ClickHouse(
                builder(settings).setDefaultDatabase(sessionDatabase).build(),
                Sql.identifier(settings.database()));
    }

    private static Client.Builder builder(ClickHouseSettings settings) {
        return new Client.Builder()
                .addEndpoint(settings.url())
                .setUsername(settings.user())
                .setPassword(settings.password())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(TIMEOUT.toMillis());
    }

    /** The database that holds the platform's tables. */
    public String database() {
        return database;
    }

    /** {@code db.table}, for SQL text. */
    public String table(String name) {
        return database + "." + Sql.identifier(name);
    }

    public boolean ping() {
        return client.ping(2000);
    }

    /** Runs a statement that returns no rows (DDL, ALTER, INSERT … SELECT). */
    public void execute(String sql) {
        closeQuietly(await(() -> client.execute(sql), sql));
    }

    /** Runs a SELECT and returns its rows; {@code FORMAT JSONEachRow} is appended here. */
    public List<JsonNode> query(String sql) {
        String text = sql.strip() + "\nFORMAT JSONEachRow";
        try (QueryResponse response = await(() -> client.query(text), sql);
                InputStream in = response.getInputStream()) {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new ClickHouseException("could not read the result of: " + sql, e);
        } catch (Exception e) {
            throw e instanceof ClickHouseException ce ? ce : new ClickHouseException(sql, e);
        }
    }

    /** The single number a query like {@code SELECT count() AS n …} returns, by column name. */
    public long queryLong(String sql, String column) {
        List<JsonNode> rows = query(sql);
        return rows.isEmpty() ? 0 : rows.get(0).path(column).asLong();
    }

    /** Inserts rows given as JSONEachRow text in one request (one block per partition). */
    public void insertJsonEachRow(String table, byte[] rows) {
        insertJsonEachRow(table, () -> new ByteArrayInputStream(rows));
    }

    /** Where the rows of an INSERT are read from; opened again if the client retries. */
    @FunctionalInterface
    public interface Rows {
        InputStream open() throws IOException;
    }

    /**
     * Inserts JSONEachRow text, streamed to the server as it is read (so it may be decompressed on
     * the way without being held whole in memory).
     */
    public void insertJsonEachRow(String table, Rows rows) {
        closeQuietly(
                await(
                        () ->
                                client.insert(
                                        table(table),
                                        out -> {
                                            try (InputStream in = rows.open()) {
                                                in.transferTo(out);
                                            }
                                        },
                                        ClickHouseFormat.JSONEachRow,
                                        new InsertSettings()),
                        "INSERT INTO " + table));
    }

    @Override
    public void close() {
        client.close();
    }

    private static <T> T await(
            java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> request,
            String what) {
        java.util.concurrent.CompletableFuture<T> future;
        try {
            future = request.get();
        } catch (RuntimeException e) {
            // the client fails some requests (connection refused) before returning a future
            throw new ClickHouseException(
                    "ClickHouse failed: " + e.getMessage() + "\n  in: " + abbreviate(what), e);
        }
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new ClickHouseException(
                    "ClickHouse failed: "
                            + e.getCause().getMessage()
                            + "\n  in: "
                            + abbreviate(what),
                    e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ClickHouseException("ClickHouse timed out after " + TIMEOUT + ": " + what, e);
        }
    }

    private static void closeQuietly(AutoCloseable response) {
        try {
            response.close();
        } catch (Exception ignored) {
            // the request already succeeded; releasing its connection cannot change that
        }
    }

    private static String abbreviate(String sql) {
        return sql.length() > 300 ? sql.substring(0, 300) + "…" : sql;
    }
}
