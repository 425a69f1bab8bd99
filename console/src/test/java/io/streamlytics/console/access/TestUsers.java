package io.streamlytics.console.access;

import io.streamlytics.core.postgres.PostgresSettings;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Console users for view tests: created in PostgreSQL and signed in on the test's thread. */
public final class TestUsers {
    private TestUsers() {}

    public static JdbcTemplate jdbc(PostgresSettings settings) {
        return new JdbcTemplate(
                new DriverManagerDataSource(settings.url(), settings.user(), settings.password()));
    }

    /** Creates the user (role admin, analyst or viewer) if needed; returns their id. */
    public static long create(JdbcTemplate jdbc, String email, String role) {
        jdbc.update(
                "INSERT INTO console_users (email, password_hash, role) VALUES (?, 'x', ?)"
                        + " ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role",
                email,
                role);
        return jdbc.queryForObject(
                "SELECT id FROM console_users WHERE email = ?", Long.class, email);
    }

    /** Signs {@code email} in for what runs next on this thread (as the login form would). */
    public static void signIn(String email, String role) {
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(
                                email,
                                null,
                                List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase()))));
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }
}
