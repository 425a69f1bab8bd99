package io.streamlytics.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code up} reports to {@code bin/analytics} and {@code status}: {@code var/run/state}, a
 * properties file with the phase (starting, ready, failed, stopped), the URLs and the failure.
 */
public final class StackState {
    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();

    public StackState(Path runDir) {
        this.file = runDir.resolve("state");
    }

    public synchronized StackState put(String key, String value) {
        values.put(key, value);
        return this;
    }

    public synchronized void phase(String phase) {
        values.put("phase", phase);
        save();
    }

    public synchronized void failed(String message) {
        values.put("phase", "failed");
        values.put("error", message.replace("\n", "\\n"));
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Properties properties = new Properties();
            properties.putAll(values);
            Path tmp = file.resolveSibling("state.tmp");
            try (var out = Files.newBufferedWriter(tmp)) {
                properties.store(out, "local stack state");
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> read(Path runDir) {
        return PropertiesFile.read(runDir.resolve("state"));
    }
}
