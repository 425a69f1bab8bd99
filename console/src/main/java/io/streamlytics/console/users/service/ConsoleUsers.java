package io.streamlytics.console.users.service;

import io.streamlytics.core.config.PlatformConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Console users from {@code console_users}. On a fresh install the first admin comes from {@code
 * ANALYTICS_ADMIN_EMAIL} and {@code ANALYTICS_ADMIN_PASSWORD}.
 */
@Service
class ConsoleUsers implements UserDetailsService {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleUsers.class);

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final PlatformConfig config;

    ConsoleUsers(JdbcTemplate jdbc, PasswordEncoder encoder, PlatformConfig config) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.config = config;
        createFirstAdmin();
    }

    private void createFirstAdmin() {
        Integer users = jdbc.queryForObject("SELECT count(*) FROM console_users", Integer.class);
        if (users != null && users > 0) {
            return;
        }
        String password = config.console().adminPassword();
        if (password.length() < 8) {
            throw new IllegalStateException(
                    "no console user exists yet: set ANALYTICS_ADMIN_PASSWORD (at least 8 characters)"
                            + " and ANALYTICS_ADMIN_EMAIL to create the first admin");
        }
        jdbc.update(
                "INSERT INTO console_users (email, password_hash, role) VALUES (?, ?, 'admin')"
                        + " ON CONFLICT (email) DO NOTHING",
                config.console().adminEmail(),
                encoder.encode(password));
        LOG.info("created the first console admin {}", config.console().adminEmail());
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return jdbc
                .query(
                        "SELECT email, password_hash, role FROM console_users"
                                + " WHERE email = ? AND disabled_at IS NULL",
                        (row, i) ->
                                User.withUsername(row.getString("email"))
                                        .password(row.getString("password_hash"))
                                        .roles(row.getString("role").toUpperCase())
                                        .build(),
                        email)
                .stream()
                .findFirst()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
