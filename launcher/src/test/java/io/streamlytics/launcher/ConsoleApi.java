package io.streamlytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls a running console's REST API for one project with its API token, as a script would. */
record ConsoleApi(String url, long project, String token) {

    /** Sends the request and checks its status; returns the body. */
    String expect(int status, String method, String path, String type, String body)
            throws Exception {
        HttpResponse<String> answer =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        url + "/api/v1/projects/" + project + path))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", type)
                                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
                .as(method + " " + path + ": " + answer.body())
                .isEqualTo(status);
        return answer.body();
    }
}
