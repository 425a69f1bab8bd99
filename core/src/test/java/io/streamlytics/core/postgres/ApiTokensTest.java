package io.streamlytics.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ApiTokensTest {

    @Test
    void aTokenNamesItsProjectUntilRevokedAndOnlyItsHashIsStored(PostgresServer postgres)
            throws Exception {
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("api_tokens"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        long shop = new Projects(settings).createProject("Shop").projectId();
        ApiTokens tokens = new ApiTokens(settings);

        String token = tokens.create(shop, "dashboard");

        assertThat(token).matches("at_[0-9a-f]{64}");
        assertThat(tokens.project(token)).contains(shop);
        assertThat(tokens.project(token + "0")).isEmpty();
        assertThat(tokens.project("wk_0123456789abcdef0123456789abcdef")).isEmpty();
        try (var c =
                        java.sql.DriverManager.getConnection(
                                settings.url(), settings.user(), settings.password());
                var r = c.createStatement().executeQuery("SELECT token_hash FROM api_tokens")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo(ApiTokens.hash(token)).doesNotContain(token);
        }

        tokens.revoke(token);
        assertThat(tokens.project(token)).isEmpty();
    }
}
