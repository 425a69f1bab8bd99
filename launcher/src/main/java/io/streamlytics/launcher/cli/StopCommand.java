package io.streamlytics.launcher.cli;

import io.streamlytics.devstack.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stops the local stack: the launcher first (it stops its parts in order and saves the Flink job's
 * state), then anything a crashed launcher left running, found by its PID file.
 */
final class StopCommand {
    private StopCommand() {}

    static int run(Path home) {
        Path run = home.resolve("run");
        report(
                "launcher",
                ChildProcess.stopByPidFile(run.resolve("launcher.pid"), Duration.ofSeconds(120)));
        for (String part : List.of("console", "redis", "clickhouse")) {
            report(
                    part,
                    ChildProcess.stopByPidFile(run.resolve(part + ".pid"), Duration.ofSeconds(20)));
        }
        report("postgres", stopPostgres(home.resolve("postgres/postmaster.pid")));
        return 0;
    }

    /** The embedded PostgreSQL's postmaster names its PID on the first line of this file. */
    private static Optional<Long> stopPostgres(Path postmasterPid) {
        try {
            if (!Files.exists(postmasterPid)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).strip());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            handle.ifPresent(h -> ChildProcess.stop(h, Duration.ofSeconds(20)));
            return handle.map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void report(String part, Optional<Long> pid) {
        pid.ifPresent(p -> System.out.println("stopped " + part + " (pid " + p + ")"));
    }
}
