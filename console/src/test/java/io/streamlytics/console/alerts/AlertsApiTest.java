package io.streamlytics.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.DetectionJson;
import io.streamlytics.console.ConsoleApiTest;
import io.streamlytics.devstack.HttpReceiver;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.Waits;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alert engine in a running console: detections on a real Kafka topic become alerts in the real
 * PostgreSQL, and notifications reach a real HTTP receiver and an in-process SMTP server
 * (GreenMail). Each test has its own project.
 */
class AlertsApiTest extends ConsoleApiTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    private static GreenMail smtp;
    private static HttpReceiver receiver;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void receivers() {
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = new HttpReceiver();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    @AfterAll
    static void stopReceivers() {
        producer.close();
        receiver.close();
        smtp.stop();
    }

    @DynamicPropertySource
    static void smtpProperties(DynamicPropertyRegistry registry) {
        registry.add("ANALYTICS_SMTP_HOST", () -> "127.0.0.1");
        registry.add("ANALYTICS_SMTP_PORT", () -> Integer.toString(smtp.getSmtp().getPort()));
        registry.add("ANALYTICS_SMTP_FROM", () -> "alerts@example.com");
        registry.add("ANALYTICS_ALERTS_SECRET", () -> "test-signing-secret-of-the-alert-engine");
    }

    @Test
    void firingAlertsOfOneRuleReachEveryChannelInOneMessageAndResolveTheSameWay() throws Exception {
        TestProject shop = newProject("Alerts grouped");
        String secret =
                channel(shop, "ops-hook", "webhook", "url", receiver.url("/grouped/hook"))
                        .path("secret")
                        .asText();
        channel(shop, "ops-slack", "slack", "url", receiver.url("/grouped/slack"));
        channel(shop, "ops-mail", "email", "emails", "oncall@example.com");
        policy(
                shop,
                "default",
                "{\"group_wait\": \"1s\", \"levels\": [{\"after\": \"0s\", \"channels\":"
                        + " [\"ops-hook\", \"ops-slack\", \"ops-mail\"]}]}");

        detect(shop, "payment-failures", "eu", true, 21);
        detect(shop, "payment-failures", "us", true, 34);

        HttpReceiver.Request hook = receiver.next("/grouped/hook", SOON);
        assertThat(hook).as("the webhook's message").isNotNull();
        JsonNode body = JSON.readTree(hook.body());
        assertThat(body.path("kind").asText()).isEqualTo("firing");
        assertThat(body.path("alerts")).hasSize(2);
        assertThat(body.path("title").asText()).isEqualTo("[FIRING] payment-failures: 2 alerts");
        assertThat(hook.headers().get("x-streamlytics-signature"))
                .isEqualTo(
                        "v1="
                                + hmac(
                                        secret,
                                        hook.headers().get("x-streamlytics-timestamp")
                                                + "."
                                                + hook.body()));
        assertThat(hook.headers().get("x-streamlytics-delivery"))
                .isEqualTo(body.path("delivery").asText());
        HttpReceiver.Request slack = receiver.next("/grouped/slack", SOON);
        assertThat(JSON.readTree(slack.body()).path("text").asText())
                .startsWith("[FIRING] payment-failures: 2 alerts")
                .contains("|Acknowledge>");
        assertThat(smtp.waitForIncomingEmail(SOON.toMillis(), 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[FIRING] payment-failures: 2 alerts");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(((String) mail.getContent())).contains("Acknowledge: http");

        // the same alert again: counted on it, nobody told twice (dedup)
        detect(shop, "payment-failures", "eu", true, 25);
        awaitAlert(
                shop,
                a -> a.path("key").asText().equals("eu") && a.path("detections").asInt() == 2);
        detect(shop, "payment-failures", "eu", false, 3);
        detect(shop, "payment-failures", "us", false, 4);
        JsonNode resolved = JSON.readTree(receiver.next("/grouped/hook", SOON).body());
        assertThat(resolved.path("kind").asText()).isEqualTo("resolved");
        assertThat(resolved.path("alerts")).hasSize(2);
        assertThat(receiver.next("/grouped/slack", SOON)).isNotNull();
        assertThat(smtp.waitForIncomingEmail(SOON.toMillis(), 2)).isTrue();
        assertThat(receiver.drain("/grouped/hook")).as("no other message").isEmpty();

        JsonNode eu =
                alerts(shop, "").findValuesAsText("key").contains("eu")
                        ? firstAlert(shop, "eu")
                        : null;
        assertThat(eu.path("state").asText()).isEqualTo("resolved");
        assertThat(eu.path("history").findValuesAsText("what"))
                .containsExactly("firing", "notified", "resolved", "notified");
        assertThat(eu.path("deliveries").findValuesAsText("status")).containsOnly("sent");
    }

    @Test
    void anAlertHeldByForFiresOnlyIfItsConditionStillHolds() throws Exception {
        TestProject shop = newProject("Alerts pending");
        oneHook(shop, "/pending/hook");
        saveRule(
                shop,
                """
                version: 1
                id: traffic-drop
                type: alert
                aggregate: {event: page_view, window: 1m, when: {below: 10}}
                alert: {severity: critical, for: 2s}
                """);

        detect(shop, "traffic-drop", "", true, 3);
        JsonNode pending = awaitAlert(shop, a -> a.path("state").asText().equals("pending"));
        assertThat(pending.path("severity").asText()).isEqualTo("critical");
        detect(shop, "traffic-drop", "", false, 12);
        awaitAlert(shop, a -> a.path("state").asText().equals("resolved"));

        detect(shop, "traffic-drop", "", true, 2);
        HttpReceiver.Request fired = receiver.next("/pending/hook", SOON);
        assertThat(fired).isNotNull();
        JsonNode alert = JSON.readTree(fired.body()).path("alerts").get(0);
        assertThat(alert.path("state").asText()).isEqualTo("firing");
        JsonNode details = get(shop, "/alerts/" + alert.path("id").asLong());
        assertThat(
                        Duration.between(
                                java.time.Instant.parse(details.path("started_at").asText()),
                                java.time.Instant.parse(details.path("fired_at").asText())))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(receiver.drain("/pending/hook"))
                .as("the first alert resolved while pending: nobody was told")
                .isEmpty();
    }

    @Test
    void nobodyAcknowledgingEscalatesAndASignedLinkStopsIt() throws Exception {
        TestProject shop = newProject("Alerts escalation");
        channel(shop, "first", "webhook", "url", receiver.url("/escalation/first"));
        channel(shop, "second", "webhook", "url", receiver.url("/escalation/second"));
        policy(
                shop,
                "on-call",
                "{\"group_by\": \"key\", \"group_wait\": \"0s\", \"levels\": ["
                        + "{\"after\": \"0s\", \"channels\": [\"first\"]},"
                        + " {\"after\": \"2s\", \"channels\": [\"second\"]}]}");
        saveRule(
                shop,
                """
                version: 1
                id: checkout-errors
                type: alert
                aggregate: {event: error, window: 1m, when: {above: 5}}
                alert: {policy: on-call}
                """);

        detect(shop, "checkout-errors", "web", true, 9);
        assertThat(receiver.next("/escalation/first", SOON)).isNotNull();
        JsonNode escalated = JSON.readTree(receiver.next("/escalation/second", SOON).body());
        assertThat(escalated.path("kind").asText()).isEqualTo("escalated");

        detect(shop, "checkout-errors", "ios", true, 8);
        JsonNode first = JSON.readTree(receiver.next("/escalation/first", SOON).body());
        String sent = first.path("alerts").get(0).path("acknowledge_url").asText();
        // links start with the console's public address (here the default, port 8080); this
        // console listens on a random port
        assertThat(sent).startsWith("http://127.0.0.1:8080/alerts/ack/").contains("signature=");
        String link = sent.replace(":8080/", ":" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page =
                http.send(
                        HttpRequest.newBuilder(URI.create(link)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Acknowledge this alert?").contains("checkout-errors");
        HttpResponse<String> forged =
                http.send(
                        HttpRequest.newBuilder(URI.create(forged(link)))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> acknowledged =
                http.send(
                        HttpRequest.newBuilder(URI.create(link))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(acknowledged.body()).contains("Acknowledged");

        assertThat(receiver.next("/escalation/second", Duration.ofSeconds(4)))
                .as("no escalation after the acknowledgement")
                .isNull();
        JsonNode ios = firstAlert(shop, "ios");
        assertThat(ios.path("acknowledged_by").asText()).isEqualTo("signed link");
        assertThat(ios.path("escalation_level").asInt()).isEqualTo(1);
        assertThat(ios.path("history").findValuesAsText("what")).contains("acknowledged");

        // the API acknowledges too, and a resolved alert has nothing to acknowledge
        long web = firstAlert(shop, "web").path("id").asLong();
        assertThat(acknowledge(shop, web)).isEqualTo(200);
        detect(shop, "checkout-errors", "web", false, 0);
        awaitAlert(
                shop,
                a ->
                        a.path("key").asText().equals("web")
                                && a.path("state").asText().equals("resolved"));
        assertThat(acknowledge(shop, web)).isEqualTo(409);
    }

    @Test
    void silencesAndMaintenanceWindowsHoldNotificationsBack() throws Exception {
        TestProject shop = newProject("Alerts silenced");
        oneHook(shop, "/silenced/hook");
        JsonNode silence =
                JSON.readTree(
                        send(
                                        shop,
                                        "POST",
                                        "/silences",
                                        "application/json",
                                        "{\"rule_id\": \"deploys\", \"duration\": \"3s\", \"comment\":"
                                                + " \"release night\"}",
                                        shop.token())
                                .body());
        assertThat(silence.path("id").asLong()).isPositive();
        String today =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                        .getDayOfWeek()
                        .name()
                        .substring(0, 3)
                        .toLowerCase();
        String start =
                java.time.LocalTime.now(java.time.ZoneOffset.UTC)
                        .minusMinutes(1)
                        .withSecond(0)
                        .withNano(0)
                        .toString();
        // a window that began a minute ago and lasts an hour (unless that minute was yesterday's)
        if (!start.startsWith("23:5")) {
            HttpResponse<String> window =
                    send(
                            shop,
                            "POST",
                            "/maintenance-windows",
                            "application/json",
                            "{\"name\": \"db upgrade\", \"rule_id\": \"backups\", \"days\": [\""
                                    + today
                                    + "\"], \"start\": \""
                                    + start
                                    + "\", \"duration\": \"1h\", \"timezone\": \"UTC\"}",
                            shop.token());
            assertThat(window.statusCode()).as(window.body()).isEqualTo(201);
            detect(shop, "backups", "", true, 0);
            awaitAlert(
                    shop,
                    a ->
                            a.path("rule_id").asText().equals("backups")
                                    && historyOf(shop, a).contains("silenced"));
        }

        long before = System.currentTimeMillis();
        detect(shop, "deploys", "", true, 1);
        HttpReceiver.Request held = receiver.next("/silenced/hook", SOON);
        assertThat(held).isNotNull();
        assertThat(JSON.readTree(held.body()).path("rule_id").asText()).isEqualTo("deploys");
        assertThat(held.receivedAtMillis() - before)
                .as("sent when the 3 s silence ended")
                .isGreaterThanOrEqualTo(1500);
        assertThat(historyOf(shop, firstAlert(shop, "deploys", "rule_id")))
                .contains("silenced", "notified");
        assertThat(receiver.drain("/silenced/hook"))
                .as("nothing of the maintenance window")
                .isEmpty();
    }

    @Test
    void aFailingReceiverIsRetriedAndASequencesAlertResolvesWithoutMatches() throws Exception {
        TestProject shop = newProject("Alerts retried");
        oneHook(shop, "/retried/hook");
        saveRule(
                shop,
                """
                version: 1
                id: cart-abandoned
                type: alert
                within: 30m
                steps:
                  - {name: cart, event: added_to_cart}
                  - {name: no purchase, event: order_completed, absent: true}
                alert: {resolve_after: 3s}
                """);
        receiver.failNext("/retried/hook", 503, 1);

        detectSequence(shop, "cart-abandoned", "ann");
        HttpReceiver.Request delivered = receiver.next("/retried/hook", SOON);
        assertThat(delivered).as("sent again after the 503").isNotNull();
        JsonNode ann = firstAlert(shop, "ann");
        assertThat(ann.path("deliveries").get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(ann.path("deliveries").get(0).path("status").asText()).isEqualTo("sent");

        JsonNode resolved = JSON.readTree(receiver.next("/retried/hook", SOON).body());
        assertThat(resolved.path("kind").asText()).isEqualTo("resolved");
        assertThat(firstAlert(shop, "ann").path("history").findValuesAsText("detail"))
                .contains("no match for 3s");
    }

    @Test
    void aSequencesAlertResolvedDuringASilenceIsToldOnceWhenItEnds() throws Exception {
        TestProject shop = newProject("Alerts resolved while silenced");
        oneHook(shop, "/quiet/hook");
        saveRule(
                shop,
                """
                version: 1
                id: signup-stalled
                type: alert
                within: 30m
                steps:
                  - {name: visit, event: page_view}
                  - {name: no signup, event: signed_up, absent: true}
                alert: {resolve_after: 2s}
                """);
        detectSequence(shop, "signup-stalled", "cyd");
        assertThat(receiver.next("/quiet/hook", SOON)).as("the firing message").isNotNull();
        HttpResponse<String> silence =
                send(
                        shop,
                        "POST",
                        "/silences",
                        "application/json",
                        "{\"rule_id\": \"signup-stalled\", \"duration\": \"4s\"}",
                        shop.token());
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);

        JsonNode resolved = JSON.readTree(receiver.next("/quiet/hook", SOON).body());
        assertThat(resolved.path("kind").asText()).isEqualTo("resolved");
        // held once, then told: not held again at every tick of the engine while silenced
        assertThat(historyOf(shop, firstAlert(shop, "cyd")))
                .filteredOn("silenced"::equals)
                .hasSize(1);
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheReason() throws Exception {
        TestProject shop = newProject("Alerts settings");
        HttpResponse<String> badUrl =
                send(
                        shop,
                        "POST",
                        "/alert-channels",
                        "application/json",
                        "{\"name\": \"x\", \"kind\": \"webhook\", \"url\": \"ftp://example.com\"}",
                        shop.token());
        assertThat(badUrl.statusCode()).isEqualTo(400);
        assertThat(badUrl.body()).contains("url: an http:// or https:// address");
        HttpResponse<String> unknown =
                send(
                        shop,
                        "PUT",
                        "/alert-policies/default",
                        "application/json",
                        "{\"levels\": [{\"channels\": [\"nowhere\"]}]}",
                        shop.token());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no channel named nowhere");
        channel(shop, "hook", "webhook", "url", receiver.url("/settings/hook"));
        HttpResponse<String> again =
                send(
                        shop,
                        "POST",
                        "/alert-channels",
                        "application/json",
                        "{\"name\": \"hook\", \"kind\": \"slack\", \"url\": \"https://example.com\"}",
                        shop.token());
        assertThat(again.statusCode()).isEqualTo(409);
        HttpResponse<String> badWindow =
                send(
                        shop,
                        "POST",
                        "/maintenance-windows",
                        "application/json",
                        "{\"name\": \"w\", \"days\": [\"someday\"], \"start\": \"02:00\", \"duration\": \"1h\", \"timezone\": \"UTC\"}",
                        shop.token());
        assertThat(badWindow.body()).contains("days: mon, tue");
        assertThat(get(shop, "/alert-channels").get(0).has("secret"))
                .as("a secret is shown once, when made")
                .isFalse();
        TestProject other = newProject("Alerts other");
        assertThat(send(shop, "GET", "/alerts", null, null, other.token()).statusCode())
                .as("another project's token")
                .isEqualTo(403);
    }

    // --- helpers ---

    private JsonNode channel(TestProject p, String name, String kind, String field, String target)
            throws Exception {
        HttpResponse<String> created =
                send(
                        p,
                        "POST",
                        "/alert-channels",
                        "application/json",
                        JSON.writeValueAsString(Map.of("name", name, "kind", kind, field, target)),
                        p.token());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    /** The link with the signature's first digit changed (whatever it was). */
    private static String forged(String link) {
        int at = link.indexOf("signature=") + "signature=".length();
        char changed = link.charAt(at) == '0' ? '1' : '0';
        return link.substring(0, at) + changed + link.substring(at + 1);
    }

    private int acknowledge(TestProject p, long alert) throws Exception {
        return send(p, "POST", "/alerts/" + alert + "/acknowledge", null, null, p.token())
                .statusCode();
    }

    /** A webhook channel "hook" to {@code path}, told at once by the project's default policy. */
    private void oneHook(TestProject p, String path) throws Exception {
        channel(p, "hook", "webhook", "url", receiver.url(path));
        policy(p, "default", "{\"group_wait\": \"0s\", \"levels\": [{\"channels\": [\"hook\"]}]}");
    }

    private void policy(TestProject p, String name, String json) throws Exception {
        HttpResponse<String> saved =
                send(p, "PUT", "/alert-policies/" + name, "application/json", json, p.token());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private void saveRule(TestProject p, String yaml) throws Exception {
        HttpResponse<String> saved = send(p, "POST", "/rules", "application/yaml", yaml, p.token());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    }

    private static void detect(TestProject p, String rule, String key, boolean firing, double value)
            throws Exception {
        Detection d = detection(p, rule, key);
        d.firing = firing;
        d.value = value;
        d.summary = rule + (firing ? " at " : " back to ") + value;
        produce(d);
    }

    private static void detectSequence(TestProject p, String rule, String key) throws Exception {
        Detection d = detection(p, rule, key);
        d.summary = key + " left a cart";
        Detection.MatchedStep cart = new Detection.MatchedStep();
        cart.name = "cart";
        cart.insertIds.add("i-" + key);
        cart.timestamps.add(System.currentTimeMillis());
        d.steps.add(cart);
        produce(d);
    }

    private static Detection detection(TestProject p, String rule, String key) {
        Detection d = new Detection();
        d.projectId = p.id();
        d.ruleId = rule;
        d.ruleVersion = 1;
        d.key = key;
        d.at = System.currentTimeMillis();
        return d;
    }

    private static void produce(Detection d) throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                ALERTS_TOPIC, DetectionJson.key(d), DetectionJson.write(d)))
                .get();
    }

    private JsonNode get(TestProject p, String path) throws Exception {
        HttpResponse<String> answer = send(p, "GET", path, null, null, p.token());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private JsonNode alerts(TestProject p, String query) throws Exception {
        return get(p, "/alerts" + query);
    }

    /** The newest alert whose {@code field} (key by default) is {@code value}, with its history. */
    private JsonNode firstAlert(TestProject p, String value, String... field) throws Exception {
        String name = field.length == 0 ? "key" : field[0];
        for (JsonNode a : alerts(p, "")) {
            if (a.path(name).asText().equals(value)) {
                return get(p, "/alerts/" + a.path("id").asLong());
            }
        }
        throw new AssertionError("no alert with " + name + " " + value);
    }

    private List<String> historyOf(TestProject p, JsonNode alert) {
        try {
            return get(p, "/alerts/" + alert.path("id").asLong())
                    .path("history")
                    .findValuesAsText("what");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitAlert(TestProject p, Predicate<JsonNode> matches) {
        JsonNode[] found = new JsonNode[1];
        boolean seen =
                Waits.until(
                        SOON,
                        () -> {
                            try {
                                for (JsonNode a : alerts(p, "")) {
                                    if (matches.test(a)) {
                                        found[0] = a;
                                        return true;
                                    }
                                }
                                return false;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        assertThat(seen).as("an alert as expected").isTrue();
        return found[0];
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
