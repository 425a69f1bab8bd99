package io.streamlytics.console.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.ceprules.store.StoredRules;
import io.streamlytics.console.ConsoleApiTest;
import io.streamlytics.core.metrics.LiveFunnelLayout;
import io.streamlytics.core.postgres.RuleDefinitions;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Rules over HTTP with the real PostgreSQL: saved as versions, refused with line and column when
 * they do not read, disabled, and kept to their project.
 */
class RulesApiTest extends ConsoleApiTest {
    private static final String CART =
            """
            version: 1
            id: cart-abandoned
            type: alert
            within: 30m
            steps:
              - {name: cart, event: added_to_cart}
              - {name: no purchase, event: order_completed, absent: true}
            """;

    @Test
    void aRuleIsSavedAsVersionsAndDisabled() throws Exception {
        TestProject shop = newProject("Rules shop");
        HttpResponse<String> created =
                send(shop, "POST", "/rules", "application/yaml", CART, shop.token());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("version").asInt()).isEqualTo(1);

        HttpResponse<String> again =
                send(shop, "POST", "/rules", "application/yaml", CART, shop.token());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("PUT /rules/cart-abandoned");

        HttpResponse<String> changed =
                send(
                        shop,
                        "PUT",
                        "/rules/cart-abandoned",
                        "text/yaml",
                        CART.replace("30m", "45m"),
                        shop.token());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("version").asInt()).isEqualTo(2);

        JsonNode listed =
                JSON.readTree(send(shop, "GET", "/rules", null, null, shop.token()).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("definition").asText()).contains("within: 45m");

        assertThat(
                        send(shop, "DELETE", "/rules/cart-abandoned", null, null, shop.token())
                                .statusCode())
                .isEqualTo(204);
        JsonNode rule =
                JSON.readTree(
                        send(shop, "GET", "/rules/cart-abandoned", null, null, shop.token())
                                .body());
        assertThat(rule.path("enabled").asBoolean()).isFalse();
        assertThat(rule.path("versions")).hasSize(3);
        assertThat(send(shop, "GET", "/rules/nothing", null, null, shop.token()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRuleThatDoesNotReadIsRefusedWithWhereItIsWrong() throws Exception {
        TestProject shop = newProject("Rules errors");
        HttpResponse<String> refused =
                send(
                        shop,
                        "POST",
                        "/rules",
                        "application/yaml",
                        CART.replace("within: 30m", "within: half an hour"),
                        shop.token());
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body()).path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(4);
        assertThat(problem.path("column").asInt()).isEqualTo(9);
        assertThat(problem.path("path").asText()).isEqualTo("within");

        HttpResponse<String> otherId =
                send(shop, "PUT", "/rules/another", "text/plain", CART, shop.token());
        assertThat(otherId.statusCode()).isEqualTo(400);
        assertThat(otherId.body()).contains("the rule is another but the YAML says cart-abandoned");

        HttpResponse<String> valid =
                send(shop, "POST", "/rules/validate", "text/plain", CART, shop.token());
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(valid.body()).path("steps").asInt()).isEqualTo(2);
    }

    @Test
    void aProjectsRulesAreItsOwn() throws Exception {
        TestProject shop = newProject("Rules own");
        TestProject other = newProject("Rules other");
        send(shop, "POST", "/rules", "application/yaml", CART, shop.token());

        assertThat(send(other, "GET", "/rules", null, null, other.token()).body()).isEqualTo("[]");
        assertThat(send(shop, "GET", "/rules", null, null, other.token()).statusCode())
                .isEqualTo(403);
        assertThat(send(shop, "GET", "/rules", null, null, null).statusCode()).isEqualTo(401);
    }

    /** What the API saved is what the Rules job reads. */
    @Test
    void theRulesJobReadsWhatWasSaved() throws Exception {
        TestProject shop = newProject("Rules job");
        send(shop, "POST", "/rules", "application/yaml", CART, shop.token());

        assertThat(StoredRules.read(new RuleDefinitions(postgresSettings()).enabled()))
                .anySatisfy(
                        r -> {
                            assertThat(r.projectId()).isEqualTo(shop.id());
                            assertThat(r.rule().id()).isEqualTo("cart-abandoned");
                            assertThat(r.version()).isEqualTo(1);
                        });
    }

    @Test
    void aFunnelsLiveCountsAreReadFromWhereTheRulesJobWritesThem() throws Exception {
        TestProject shop = newProject("Rules live funnel");
        String funnel =
                """
                version: 1
                id: checkout
                type: funnel
                within: 1h
                steps:
                  - {name: viewed, event: product_viewed}
                  - {name: paid, event: order_completed}
                """;
        assertThat(
                        send(shop, "POST", "/rules", "application/yaml", funnel, shop.token())
                                .statusCode())
                .isEqualTo(201);
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisPort())) {
            // as the Rules job writes them (FunnelCountWrites)
            redis.hset(
                    LiveFunnelLayout.total(shop.id(), "checkout", 1), Map.of("1", "40", "2", "7"));
            redis.hset(
                    LiveFunnelLayout.day(
                            shop.id(), "checkout", 1, LiveFunnelLayout.today(Clock.systemUTC())),
                    Map.of("1", "12"));
        }
        JsonNode live =
                JSON.readTree(
                        send(shop, "GET", "/rules/checkout/live", null, null, shop.token()).body());
        assertThat(live.path("version").asInt()).isEqualTo(1);
        assertThat(live.path("steps").toString())
                .isEqualTo(
                        "[{\"step\":1,\"name\":\"viewed\",\"today\":12,\"total\":40},"
                                + "{\"step\":2,\"name\":\"paid\",\"today\":0,\"total\":7}]");
        assertThat(
                        send(shop, "POST", "/rules", "application/yaml", CART, shop.token())
                                .statusCode())
                .isEqualTo(201);
        HttpResponse<String> alertRule =
                send(shop, "GET", "/rules/cart-abandoned/live", null, null, shop.token());
        assertThat(alertRule.statusCode()).isEqualTo(400);
        assertThat(alertRule.body()).contains("is an alert rule");
    }
}
