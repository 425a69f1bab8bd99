package io.streamlytics.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the Debian-packaged servers we run as child processes. */
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
}
