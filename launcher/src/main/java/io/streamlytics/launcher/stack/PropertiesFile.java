package io.streamlytics.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Small key=value files under {@code var/} (state, secrets); a missing file reads as empty. */
final class PropertiesFile {
    private PropertiesFile() {}

    static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            properties.forEach((k, v) -> values.put(k.toString(), v.toString()));
        }
        return values;
    }
}
