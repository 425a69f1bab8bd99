package io.streamlytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends batches to a running collector's public API, as an SDK would. */
record CollectorClient(String url, String writeKey) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> post(String batch) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/batch"))
                        .header("Authorization", "Bearer " + writeKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(batch))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Events {@code from}..{@code to}-1 named {@code event}, with insert ids that repeat on resend.
     */
    void send(String event, int from, int to) throws Exception {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = from; i < to; i++) {
            batch.append(i == from ? "" : ",")
                    .append("{\"event\":\"")
                    .append(event)
                    .append("\",\"distinct_id\":\"u")
                    .append(i % 7)
                    .append("\",\"insert_id\":\"")
                    .append(event)
                    .append('-')
                    .append(i)
                    .append("\"}");
        }
        HttpResponse<String> response = post(batch.append("]}").toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
