package io.streamlytics.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.console.ConsoleApiTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The analyses over HTTP on a running console with real ClickHouse, PostgreSQL and Redis: tokens,
 * answers, errors a person can act on, and a cache that notices late events.
 */
class InsightsApiTest extends ConsoleApiTest {
    private static final String TRENDS =
            "{\"version\": 1, \"range\": {\"from\": \"2026-01-05\", \"to\": \"2026-01-06\"},"
                    + " \"series\": [{\"event\": \"signup\"}]}";

    private static TestProject project;

    private static void project() {
        if (project == null) {
            project = newProject("Shop");
            event("a", "signup", 1767607200, 1); // 2026-01-05 10:00 UTC
            event("b", "signup", 1767693600, 2); // 2026-01-06 10:00 UTC
            event("b", "purchase", 1767694200, 3);
        }
    }

    private static void event(String person, String name, long time, int id) {
        insert(
                String.format(
                        "{\"project_id\":%d,\"insert_id\":\"insights-%d\",\"event\":\"%s\",\"distinct_id\":\"%s\","
                                + "\"timestamp\":%d,\"received_at\":%d}%n",
                        project.id(), id, name, person, time, 1767600000 + id));
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return send(project, "POST", path, "application/json", body, token);
    }

    @Test
    void answersAQueryAndServesItFromTheCacheUntilLateEventsArrive() throws Exception {
        project();
        assertThat(post("/trends", TRENDS, null).statusCode()).isEqualTo(401);

        HttpResponse<String> first = post("/trends", TRENDS, project.token());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.path("cached").asBoolean()).isFalse();
        assertThat(answer.path("result").path("buckets").toString())
                .isEqualTo("[\"2026-01-05\",\"2026-01-06\"]");
        assertThat(answer.path("result").path("series").get(0).path("values").toString())
                .isEqualTo("[1.0,1.0]");

        // the same query with its keys in another order
        String reordered =
                "{\"series\": [{\"event\": \"signup\"}], \"range\": {\"to\": \"2026-01-06\", \"from\": \"2026-01-05\"},"
                        + " \"kind\": \"trends\", \"version\": 1}";
        JsonNode again = JSON.readTree(post("/trends", reordered, project.token()).body());
        assertThat(again.path("cached").asBoolean()).isTrue();
        assertThat(again.path("result")).isEqualTo(answer.path("result"));

        event("c", "signup", 1767610800, 4); // late: 2026-01-05 11:00
        JsonNode late = JSON.readTree(post("/trends", TRENDS, project.token()).body());
        assertThat(late.path("cached").asBoolean()).isFalse();
        assertThat(late.path("result").path("series").get(0).path("values").toString())
                .isEqualTo("[2.0,1.0]");
    }

    @Test
    void funnelsPageThroughPeople() throws Exception {
        project();
        String people =
                "{\"version\": 1, \"range\": {\"from\": \"2026-01-05\", \"to\": \"2026-01-06\"},"
                        + " \"steps\": [{\"event\": \"signup\"}, {\"event\": \"purchase\"}],"
                        + " \"view\": \"people\", \"people\": {\"step\": 1, \"status\": \"converted\", \"limit\": 1}}";
        JsonNode page = JSON.readTree(post("/funnels", people, project.token()).body());
        assertThat(page.path("result").path("people")).hasSize(1);
        assertThat(page.path("next_offset").asInt()).isEqualTo(1);
    }

    @Test
    void errorsSayWhatToChange() throws Exception {
        project();
        HttpResponse<String> invalid =
                post(
                        "/trends",
                        "{\"version\": 1, \"range\": {\"last\": \"7d\"}, \"series\": [{\"event\": \"a\", \"aggregation\": {\"type\": \"avg\"}}]}",
                        project.token());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("needs a \\\"property\\\"");

        HttpResponse<String> wrongKind =
                post(
                        "/funnels",
                        TRENDS.replace("{\"version\"", "{\"kind\": \"trends\", \"version\""),
                        project.token());
        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(wrongKind.body()).contains("this endpoint runs \\\"funnel\\\" queries");

        HttpResponse<String> tooLong =
                post(
                        "/trends",
                        "{\"version\": 1, \"range\": {\"from\": \"2020-01-01\", \"to\": \"2026-01-01\"}, \"series\": [{\"event\": \"a\"}]}",
                        project.token());
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("at most 731 are allowed");

        HttpResponse<String> notJson = post("/paths", "{", project.token());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");
    }
}
