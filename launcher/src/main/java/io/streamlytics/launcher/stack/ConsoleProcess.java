package io.streamlytics.launcher.stack;

import io.streamlytics.devstack.ChildProcess;
import io.streamlytics.devstack.ServiceStartException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The console (a Spring Boot jar) as a child process with the platform's environment. */
final class ConsoleProcess {
    private ConsoleProcess() {}

    static ChildProcess start(
            Path jar, Map<String, String> env, int port, Path logFile, Path pidFile) {
        if (!Files.isRegularFile(jar)) {
            throw new ServiceStartException(
                    "the console is not built ("
                            + jar
                            + " is missing); run: mvn -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar.toString());
        ChildProcess process = ChildProcess.start("console", command, logFile, pidFile, env);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive(logFile);
            if (healthy(port)) {
                return process;
            }
            sleep();
        }
        process.close();
        throw new ServiceStartException(
                "the console did not become healthy within 120 s; see " + logFile);
    }

    static boolean healthy(int port) {
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while waiting for the console");
        }
    }
}
