package io.streamlytics.launcher.cli;

import io.streamlytics.core.config.ConfigException;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.devstack.ServiceStartException;
import io.streamlytics.launcher.stack.LocalSecrets;
import io.streamlytics.launcher.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The Java side of {@code bin/analytics}: {@code up [--demo]} runs the local stack in this JVM
 * until it is stopped; {@code stop} stops a running stack (and whatever a crashed one left); {@code
 * status} tells what runs and whether it is healthy.
 */
public final class AnalyticsMain {
    private AnalyticsMain() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        Path root = Path.of(System.getProperty("analytics.root", ".")).toAbsolutePath().normalize();
        int exit =
                switch (command) {
                    case "up" -> up(root, Arrays.asList(args).contains("--demo"));
                    case "stop" -> StopCommand.run(home(System.getenv()));
                    case "status" -> StatusCommand.run(home(System.getenv()));
                    case "replay-dlq" -> ReplayDlqCommand.run(home(System.getenv()));
                    case "bench" -> bench(args);
                    case "rules" -> rules(args);
                    default -> {
                        System.err.println(
                                "usage: AnalyticsMain up [--demo] | stop | status | replay-dlq | bench"
                                        + " collector|pipeline|live|queries|rules | rules validate|test");
                        yield 2;
                    }
                };
        if (!"up".equals(command) || exit != 0) {
            System.exit(exit);
        }
    }

    /** The rules CLI prints its findings; the local Flink job it runs keeps its logs to errors. */
    private static int rules(String[] args) throws Exception {
        org.apache.logging.log4j.core.config.Configurator.setAllLevels(
                "", org.apache.logging.log4j.Level.ERROR);
        return io.streamlytics.ceprules.cli.RulesCli.execute(
                Arrays.copyOfRange(args, 1, args.length));
    }

    private static int bench(String[] args) throws Exception {
        String what = args.length < 2 ? "" : args[1];
        switch (what) {
            case "collector" ->
                    io.streamlytics.launcher.bench.CollectorBenchmark.main(new String[0]);
            case "pipeline" -> io.streamlytics.launcher.bench.PipelineBenchmark.main(new String[0]);
            case "live" -> io.streamlytics.launcher.bench.LiveBenchmark.main(new String[0]);
            case "queries" -> io.streamlytics.launcher.bench.QueryBenchmark.main(new String[0]);
            case "rules" -> io.streamlytics.launcher.bench.RulesBenchmark.main(new String[0]);
            case "dashboard" ->
                    io.streamlytics.launcher.bench.DashboardBenchmark.main(new String[0]);
            default -> {
                System.err.println(
                        "usage: bin/analytics bench collector|pipeline|live|queries|rules|dashboard");
                return 2;
            }
        }
        return 0;
    }

    static Path home(Map<String, String> env) {
        return Path.of(env.getOrDefault("ANALYTICS_HOME", "var")).toAbsolutePath();
    }

    private static int up(Path root, boolean demo) throws Exception {
        Path home = home(System.getenv());
        Map<String, String> env;
        PlatformConfig config;
        LocalStack stack;
        try {
            env = LocalSecrets.withSecrets(home, System.getenv());
            config = PlatformConfig.fromEnvironment(env);
        } catch (ConfigException e) {
            new io.streamlytics.launcher.stack.StackState(home.resolve("run"))
                    .failed(e.getMessage());
            System.err.println(e.getMessage());
            return 2;
        }
        Files.createDirectories(home.resolve("run"));
        Files.writeString(
                home.resolve("run/launcher.pid"), Long.toString(ProcessHandle.current().pid()));
        stack = new LocalStack(config, env, root);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stack.close();
                                    if (!"failed".equals(phase(home))) {
                                        stack.state().phase("stopped");
                                    }
                                },
                                "local-stack-shutdown"));
        try {
            stack.start(demo);
        } catch (ServiceStartException e) {
            // the embedded parts keep non-daemon threads: exit explicitly
            System.err.println(e.getMessage());
            e.printStackTrace();
            return 1;
        }
        System.out.println("local stack is ready");
        Thread.currentThread().join();
        return 0;
    }

    private static String phase(Path home) {
        return io.streamlytics.launcher.stack.StackState.read(home.resolve("run")).get("phase");
    }
}
