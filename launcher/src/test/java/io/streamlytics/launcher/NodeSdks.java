package io.streamlytics.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real npm SDKs (Segment, PostHog) in {@code src/test/js}, run with Node.js. */
final class NodeSdks {
    static final Path DIR = Path.of("src", "test", "js").toAbsolutePath();

    private NodeSdks() {}

    /** Runs send-with-sdks.mjs against a collector; installs the SDKs first when needed. */
    static String send(String collectorUrl, String writeKey, String runId) throws Exception {
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
        }
        return run(
                List.of("node", "send-with-sdks.mjs"),
                Map.of("COLLECTOR_URL", collectorUrl, "WRITE_KEY", writeKey, "RUN_ID", runId));
    }

    private static String run(List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
