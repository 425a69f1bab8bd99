package io.streamlytics.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server we started as an operating-system process. Its PID is written to a file so that {@code
 * bin/analytics down} can stop it even when the JVM that started it died.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path pidFile) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} with its output appended to {@code logFile} and its PID written to
     * {@code pidFile}.
     */
    public static ChildProcess start(
            String name, List<String> command, Path logFile, Path pidFile) {
        return start(name, command, logFile, pidFile, java.util.Map.of());
    }

    /** As {@link #start(String, List, Path, Path)}, with {@code env} added to its environment. */
    public static ChildProcess start(
            String name,
            List<String> command,
            Path logFile,
            Path pidFile,
            java.util.Map<String, String> env) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
            return new ChildProcess(name, process, pidFile);
        } catch (IOException e) {
            throw new ServiceStartException(
                    "could not start "
                            + name
                            + " ("
                            + String.join(" ", command)
                            + "): "
                            + e.getMessage(),
                    e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the log's tail when the process has already exited. */
    public void checkAlive(Path logFile) {
        if (!process.isAlive()) {
            throw new ServiceStartException(
                    name
                            + " exited with code "
                            + process.exitValue()
                            + "; last lines of "
                            + logFile
                            + ":\n"
                            + Logs.tail(logFile, 15));
        }
    }

    @Override
    public void close() {
        stop(process.toHandle(), Duration.ofSeconds(15));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the PID file only helps `down`; a stale one is checked against the live process
        }
    }

    /** SIGTERM, then SIGKILL when the process has not exited within {@code grace}. */
    public static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the kernel reaps it; nothing more we can do from here
            }
        }
    }

    /** Stops the process named in a PID file, if it still runs; removes the file. */
    public static Optional<Long> stopByPidFile(Path pidFile, Duration grace) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            handle.ifPresent(h -> stop(h, grace));
            Files.deleteIfExists(pidFile);
            return handle.map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
