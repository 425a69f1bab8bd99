package io.streamlytics.core.postgres;

import io.streamlytics.core.text.Sha256;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A project's read tokens for its APIs. Unlike write keys (public by design), these are secrets:
 * only their SHA-256 is stored, and a token is shown once, when created. 32 random bytes make a
 * salt unnecessary: nothing about a token can be guessed from its hash.
 */
public final class ApiTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresSettings settings;

    public ApiTokens(PostgresSettings settings) {
        this.settings = settings;
    }

    /** Creates a token for {@code projectId} and returns it: {@code at_} and 64 hex digits. */
    public String create(long projectId, String label) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "at_" + HexFormat.of().formatHex(bytes);
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO api_tokens (token_hash, project_id, label)"
                                        + " VALUES (?, ?, ?)")) {
            s.setString(1, hash(token));
            s.setLong(2, projectId);
            s.setString(3, label);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not create an API token", e);
        }
        return token;
    }

    /** The project a live (not revoked) token belongs to. */
    public Optional<Long> project(String token) {
        if (token == null || !token.startsWith("at_") || token.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT project_id FROM api_tokens"
                                        + " WHERE token_hash = ? AND revoked_at IS NULL")) {
            s.setString(1, hash(token));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up an API token", e);
        }
    }

    public void revoke(String token) {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE api_tokens SET revoked_at = now()"
                                        + " WHERE token_hash = ? AND revoked_at IS NULL")) {
            s.setString(1, hash(token));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke an API token", e);
        }
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }
}
