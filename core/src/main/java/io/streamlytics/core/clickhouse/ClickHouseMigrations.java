package io.streamlytics.core.clickhouse;

import io.streamlytics.core.text.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned ClickHouse schema migrations from {@code clickhouse/migrations/} on the classpath,
 * recorded in {@code schema_migrations}. Applying is idempotent: applied versions are skipped, and
 * every statement is written to be safe to run again ({@code IF NOT EXISTS}), so two processes
 * starting at once do no harm. An applied file that changed afterwards is an error.
 */
public final class ClickHouseMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrations.class);
    private static final String DIR = "/clickhouse/migrations/";

    private final ClickHouse clickhouse;

    public ClickHouseMigrations(ClickHouse clickhouse) {
        this.clickhouse = clickhouse;
    }

    /** One migration file. */
    public record Migration(int version, String name, String sql, String checksum) {}

    /** Applies what is missing; returns the versions applied now. */
    public List<Integer> apply() {
        String db = clickhouse.database();
        clickhouse.execute("CREATE DATABASE IF NOT EXISTS " + db);
        clickhouse.execute(
                "CREATE TABLE IF NOT EXISTS "
                        + db
                        + ".schema_migrations (version UInt32, name String, checksum String,"
                        + " applied_at DateTime) ENGINE = ReplacingMergeTree ORDER BY version");
        Map<Integer, String> applied =
                clickhouse
                        .query(
                                "SELECT version, any(checksum) AS checksum FROM "
                                        + db
                                        + ".schema_migrations GROUP BY version")
                        .stream()
                        .collect(
                                Collectors.toMap(
                                        row -> row.path("version").asInt(),
                                        row -> row.path("checksum").asString()));
        List<Integer> now = new ArrayList<>();
        for (Migration migration : available()) {
            String recorded = applied.get(migration.version());
            if (recorded != null) {
                if (!recorded.equals(migration.checksum())) {
                    throw new IllegalStateException(
                            "ClickHouse migration "
                                    + migration.name()
                                    + " changed after it was applied; add a new migration instead");
                }
                continue;
            }
            for (String statement : statements(migration.sql().replace("{db}", db))) {
                executeIdempotently(statement);
            }
            clickhouse.execute(
                    "INSERT INTO "
                            + db
                            + ".schema_migrations (version, name, checksum, applied_at) VALUES ("
                            + migration.version()
                            + ", "
                            + Sql.quote(migration.name())
                            + ", "
                            + Sql.quote(migration.checksum())
                            + ", now())");
            LOG.info("applied ClickHouse migration {}", migration.name());
            now.add(migration.version());
        }
        return now;
    }

    /**
     * Runs a statement; an ALTER that adds what already exists (another process applied it first,
     * or a run stopped before recording it) counts as done, since 18.16 lacks ADD COLUMN IF NOT
     * EXISTS.
     */
    private void executeIdempotently(String statement) {
        try {
            clickhouse.execute(statement);
        } catch (ClickHouseException e) {
            boolean alter =
                    statement.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("ALTER");
            if (!alter || !e.getMessage().contains("already exists")) {
                throw e;
            }
            LOG.info("already applied: {}", e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The versions recorded as applied. */
    public List<Integer> appliedVersions() {
        return clickhouse
                .query(
                        "SELECT DISTINCT version FROM "
                                + clickhouse.database()
                                + ".schema_migrations ORDER BY version")
                .stream()
                .map(row -> row.path("version").asInt())
                .toList();
    }

    public static List<Migration> available() {
        List<Migration> migrations = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!name.matches("V\\d{3}__[a-z0-9_]+\\.sql")) {
                throw new IllegalStateException("bad migration file name: " + name);
            }
            String sql = resource(name);
            migrations.add(
                    new Migration(
                            Integer.parseInt(name.substring(1, 4)), name, sql, Sha256.hex(sql)));
        }
        return migrations;
    }

    /** Statements split on ';' at a line end; comment-only pieces are dropped. */
    static List<String> statements(String sql) {
        return Arrays.stream(sql.split(";\\s*(\\n|$)"))
                .map(ClickHouseMigrations::withoutComments)
                .filter(s -> !s.isBlank())
                .toList();
    }

    private static String withoutComments(String sql) {
        return Arrays.stream(sql.split("\n"))
                .filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"))
                .strip();
    }

    private static String resource(String name) {
        try (InputStream in = ClickHouseMigrations.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
