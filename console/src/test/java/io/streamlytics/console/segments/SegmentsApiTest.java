package io.streamlytics.console.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.console.ConsoleApiTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Segments over HTTP with real ClickHouse, PostgreSQL and Redis: a dynamic segment worked out on
 * creation, a CSV upload, a funnel's drop-offs saved as a segment, and a segment as a filter.
 */
class SegmentsApiTest extends ConsoleApiTest {
    private static TestProject project;

    /** Ann signed up and bought; Bob signed up only; Cy only browsed. All within the last day. */
    private static void project() {
        if (project != null) {
            return;
        }
        project = newProject("Shop");
        long now = Instant.now().getEpochSecond();
        StringBuilder rows = new StringBuilder();
        String[][] events = {
            {"ann", "signup"}, {"ann", "purchase"}, {"bob", "signup"}, {"cy", "page_view"}
        };
        for (int i = 0; i < events.length; i++) {
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"segments-%d\",\"event\":\"%s\",\"distinct_id\":\"%s\",\"timestamp\":%d}%n",
                            project.id(), i, events[i][1], events[i][0], now - 3600 + i * 60));
        }
        insert(rows.toString());
    }

    private HttpResponse<String> send(String method, String path, String type, String body)
            throws Exception {
        return send(project, method, path, type, body, project.token());
    }

    @Test
    void aDynamicSegmentIsWorkedOutAndFiltersAnalyses() throws Exception {
        project();
        HttpResponse<String> created =
                send(
                        "POST",
                        "/segments",
                        "application/json",
                        "{\"name\": \"Signed up\", \"definition\": {\"version\": 1, \"match\":"
                                + " {\"did\": {\"event\": \"signup\"}, \"in_last\": \"7d\"}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode segment = JSON.readTree(created.body());
        assertThat(segment.path("size").asLong()).isEqualTo(2);
        long id = segment.path("id").asLong();

        JsonNode members =
                JSON.readTree(
                        send("GET", "/segments/" + id + "/members?limit=1", null, null).body());
        assertThat(members.path("people").toString()).isEqualTo("[\"ann\"]");
        assertThat(members.path("next_offset").asInt()).isEqualTo(1);

        HttpResponse<String> trend =
                send(
                        "POST",
                        "/trends",
                        "application/json",
                        "{\"version\": 1, \"range\": {\"last\": \"2d\"}, \"granularity\": \"month\","
                                + " \"series\": [{\"event\": \"*\"}], \"filters\": [{\"segment\": "
                                + id
                                + "}]}");
        assertThat(trend.statusCode()).as(trend.body()).isEqualTo(200);
        double events = 0;
        for (JsonNode v :
                JSON.readTree(trend.body()).path("result").path("series").get(0).path("values")) {
            events += v.asDouble();
        }
        assertThat(events).isEqualTo(3);

        JsonNode detail =
                JSON.readTree(send("POST", "/segments/" + id + "/refresh", null, null).body());
        assertThat(detail.path("size").asLong()).isEqualTo(2);
        assertThat(JSON.readTree(send("GET", "/segments/" + id, null, null).body()).path("sizes"))
                .hasSize(2);

        // changed in place: buyers only now; the same id, worked out at once, its name kept
        HttpResponse<String> changed =
                send(
                        "PUT",
                        "/segments/" + id,
                        "application/json",
                        "{\"definition\": {\"version\": 1, \"match\":"
                                + " {\"did\": {\"event\": \"purchase\"}, \"in_last\": \"7d\"}}}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode buyers = JSON.readTree(changed.body());
        assertThat(buyers.path("id").asLong()).isEqualTo(id);
        assertThat(buyers.path("name").asText()).isEqualTo("Signed up");
        assertThat(buyers.path("size").asLong()).isEqualTo(1);
        HttpResponse<String> wrong =
                send(
                        "PUT",
                        "/segments/" + id,
                        "application/json",
                        "{\"definition\": {\"version\": 1, \"match\": {\"did\": {}}}}");
        assertThat(wrong.statusCode()).isEqualTo(400);
    }

    @Test
    void uploadsAndFunnelDropOffsBecomeStaticSegments() throws Exception {
        project();
        HttpResponse<String> uploaded =
                send(
                        "POST",
                        "/segments?name=VIPs",
                        "text/csv",
                        "person,plan\nann,pro\n\"bob, jr\",free\n");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        long vips = JSON.readTree(uploaded.body()).path("id").asLong();
        assertThat(
                        JSON.readTree(
                                        send("GET", "/segments/" + vips + "/members", null, null)
                                                .body())
                                .path("people")
                                .toString())
                .isEqualTo("[\"ann\",\"bob, jr\"]");
        assertThat(send("POST", "/segments/" + vips + "/refresh", null, null).statusCode())
                .isEqualTo(400);

        HttpResponse<String> dropped =
                send(
                        "POST",
                        "/segments",
                        "application/json",
                        "{\"name\": \"Did not buy\", \"from_funnel\": {\"version\": 1, \"kind\": \"funnel\","
                                + " \"range\": {\"last\": \"2d\"}, \"steps\": [{\"event\": \"signup\"}, {\"event\": \"purchase\"}],"
                                + " \"people\": {\"step\": 2, \"status\": \"dropped\"}}}");
        assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(201);
        long id = JSON.readTree(dropped.body()).path("id").asLong();
        assertThat(
                        JSON.readTree(
                                        send("GET", "/segments/" + id + "/members", null, null)
                                                .body())
                                .path("people")
                                .toString())
                .isEqualTo("[\"bob\"]");

        assertThat(send("DELETE", "/segments/" + id, null, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/segments/" + id, null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void aWrongDefinitionSaysWhere() throws Exception {
        project();
        HttpResponse<String> wrong =
                send(
                        "POST",
                        "/segments",
                        "application/json",
                        "{\"name\": \"Bad\", \"definition\": {\"version\": 1, \"match\": {\"did\": {\"event\": \"x\"}}}}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("the definition is not valid").contains("in_last");
        HttpResponse<String> duplicate = send("POST", "/segments?name=Twice", "text/csv", "a\n");
        assertThat(duplicate.statusCode()).isEqualTo(201);
        assertThat(send("POST", "/segments?name=Twice", "text/csv", "a\n").body())
                .contains("already has a segment named Twice");
    }
}
