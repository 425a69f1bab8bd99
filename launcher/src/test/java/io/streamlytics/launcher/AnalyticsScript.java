package io.streamlytics.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/analytics} as a user would, with an environment of its own. */
final class AnalyticsScript {
    static final Path SCRIPT = Path.of("..", "bin", "analytics").toAbsolutePath().normalize();

    private final Map<String, String> env;

    AnalyticsScript(Map<String, String> env) {
        this.env = env;
    }

    record Result(int exitCode, String output) {}

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        // the jars are built by this very Maven run
        builder.environment().put("ANALYTICS_SKIP_BUILD", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/analytics " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
