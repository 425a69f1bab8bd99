package io.streamlytics.launcher.stack;

import io.streamlytics.core.postgres.ApiTokens;
import io.streamlytics.core.postgres.PostgresSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local install's API token for the default project, for the live API and scripts: created on
 * the first {@code up} into {@code var/api-token} (mode 600), and again if it was revoked.
 */
final class LocalApiToken {
    static final String FILE = "api-token";

    private LocalApiToken() {}

    /** Makes sure {@code var/api-token} holds a live token and returns the file's path. */
    static String file(Path home, PostgresSettings postgres, long projectId) {
        ensure(home, postgres, projectId);
        return home.resolve(FILE).toString();
    }

    static String ensure(Path home, PostgresSettings postgres, long projectId) {
        ApiTokens tokens = new ApiTokens(postgres);
        Path file = home.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file).strip();
                if (tokens.project(token).filter(p -> p == projectId).isPresent()) {
                    return token;
                }
            }
            String token = tokens.create(projectId, "local install");
            Files.writeString(file, token + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API token in " + file, e);
        }
    }
}
