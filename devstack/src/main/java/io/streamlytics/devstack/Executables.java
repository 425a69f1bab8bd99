package io.streamlytics.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds the Debian-packaged programs we run, and runs a command to its end. */
public final class Executables {
    private static final List<String> DIRS = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin");

    private Executables() {}

    public static Optional<Path> find(String name) {
        return DIRS.stream().map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    /**
     * The executable, or a failure that names the Debian package and the exact command to install
     * it.
     */
    public static Path require(String name, String debianPackages) {
        return find(name)
                .orElseThrow(
                        () ->
                                new ServiceStartException(
                                        name
                                                + " is not installed. Install it with:\n  sudo apt-get install -y "
                                                + debianPackages));
    }

    /**
     * Runs {@code command} in {@code dir} to its end (at most 5 minutes), its output appended to
     * {@code dir/command.log}; a failure quotes the log's tail. {@code what}: what it was for.
     */
    public static void run(Path dir, List<String> command, String what) {
        Path log = dir.resolve("command.log");
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new ServiceStartException(
                        String.join(" ", command)
                                + " failed ("
                                + what
                                + "); see "
                                + log
                                + ":\n"
                                + Logs.tail(log, 10));
            }
        } catch (IOException e) {
            throw new ServiceStartException(
                    String.join(" ", command) + " could not run (" + what + "): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while " + what, e);
        }
    }
}
