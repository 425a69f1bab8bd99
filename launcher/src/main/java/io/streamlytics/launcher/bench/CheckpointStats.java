package io.streamlytics.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches a running job's checkpoints through Flink's REST API (the last answer before the job ends
 * is kept): how many completed, how long they took, how large the newest one was.
 */
final class CheckpointStats implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private final Thread poller;
    private volatile JsonNode last = JSON.createObjectNode();

    private CheckpointStats(int restPort, String jobId) {
        this.uri = URI.create("http://127.0.0.1:" + restPort + "/jobs/" + jobId + "/checkpoints");
        this.poller = new Thread(this::poll, "checkpoint-stats");
        poller.setDaemon(true);
    }

    static CheckpointStats watch(int restPort, String jobId) {
        CheckpointStats stats = new CheckpointStats(restPort, jobId);
        stats.poller.start();
        return stats;
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    last = JSON.readTree(response.body());
                }
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the job or its REST endpoint is gone: keep what we have
            }
        }
    }

    long completed() {
        return last.path("counts").path("completed").asLong(0);
    }

    long durationP50Millis() {
        return last.path("summary").path("end_to_end_duration").path("p50").asLong(0);
    }

    long durationMaxMillis() {
        return last.path("summary").path("end_to_end_duration").path("max").asLong(0);
    }

    /** Full size of the newest completed checkpoint, in bytes. */
    long latestStateBytes() {
        return last.path("latest").path("completed").path("state_size").asLong(0);
    }

    @Override
    public void close() {
        poller.interrupt();
    }
}
