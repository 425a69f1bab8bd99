package io.streamlytics.launcher.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * A small population of simulated visitors. Each visit is a session of page views; some visitors
 * sign up, and some go through the purchase funnel (view product, add to cart, checkout, purchase)
 * with the drop-off a real shop sees.
 */
final class DemoUsers {
    private static final String[] PAGES = {
        "/", "/pricing", "/docs", "/blog/launch", "/blog/flink-tips", "/features", "/about"
    };
    private static final String[] PRODUCTS = {
        "starter-plan", "team-plan", "enterprise-plan", "t-shirt", "sticker-pack"
    };
    private static final String[] REFERRERS = {
        "",
        "",
        "https://www.google.com/",
        "https://news.ycombinator.com/",
        "https://twitter.com/",
        "https://github.com/"
    };
    private static final String[][] CAMPAIGNS = {
        {"", "", ""}, {"", "", ""}, {"newsletter", "email", "november"}, {"google", "cpc", "brand"}
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
    };
    private static final int POPULATION = 400;

    private final Random random;
    private final Clock clock;
    private final Map<Integer, String> signedUp = new HashMap<>();

    /** Later steps of live visits, sent when their time comes. */
    private final PriorityQueue<Timed> pending = new PriorityQueue<>();

    private record Timed(Instant at, String json) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed other) {
            return at.compareTo(other.at);
        }
    }

    DemoUsers(Random random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** The events due now: steps of visits under way, and 0-3 visits that start now. */
    List<String> nextSecond() {
        Instant now = clock.instant();
        int visits = random.nextInt(4);
        for (int i = 0; i < visits; i++) {
            pending.addAll(visit(now));
        }
        List<String> due = new ArrayList<>();
        while (!pending.isEmpty() && !pending.peek().at().isAfter(now)) {
            due.add(pending.poll().json());
        }
        return due;
    }

    /** A day of history: some hundreds of visits spread over the day. */
    List<String> historicDay(Instant dayStart) {
        List<Timed> events = new ArrayList<>();
        int visits = 80 + random.nextInt(60);
        for (int i = 0; i < visits; i++) {
            events.addAll(visit(dayStart.plusSeconds(random.nextInt(86_000))));
        }
        // in time order, as live traffic comes: sessionization's event time then moves forward
        // with the history instead of finding most of it too late
        events.sort(null);
        return events.stream().map(Timed::json).toList();
    }

    private List<Timed> visit(Instant start) {
        int visitor = random.nextInt(POPULATION);
        String distinctId = signedUp.getOrDefault(visitor, "anon-" + visitor);
        String agent = AGENTS[visitor % AGENTS.length];
        String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
        String[] campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
        List<Timed> events = new ArrayList<>();
        Instant at = start;
        int pages = 1 + random.nextInt(5);
        for (int p = 0; p < pages; p++) {
            String path = p == 0 ? "/" : PAGES[random.nextInt(PAGES.length)];
            events.add(
                    event(
                            at,
                            "page_view",
                            distinctId,
                            at,
                            path,
                            agent,
                            referrer,
                            campaign,
                            "{\"path\":\"" + path + "\"}"));
            at = at.plus(Duration.ofSeconds(5 + random.nextInt(60)));
        }
        if (!signedUp.containsKey(visitor) && random.nextDouble() < 0.12) {
            String userId = "user-" + visitor;
            signedUp.put(visitor, userId);
            events.add(
                    event(
                            at,
                            "sign_up",
                            userId,
                            at,
                            "/signup",
                            agent,
                            referrer,
                            campaign,
                            "{\"plan\":\"free\",\"anonymous_id\":\"anon-" + visitor + "\"}"));
            distinctId = userId;
            at = at.plusSeconds(20);
        }
        if (random.nextDouble() < 0.35) {
            String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
            String[] funnel = {"product_viewed", "added_to_cart", "checkout_started", "purchase"};
            double[] keep = {1.0, 0.55, 0.6, 0.7};
            for (int step = 0; step < funnel.length && random.nextDouble() < keep[step]; step++) {
                String props =
                        "{\"product\":\""
                                + product
                                + "\""
                                + (funnel[step].equals("purchase")
                                        ? ",\"revenue\":"
                                                + (9 + random.nextInt(290))
                                                + ",\"currency\":\"EUR\""
                                        : "")
                                + "}";
                events.add(
                        event(
                                at,
                                funnel[step],
                                distinctId,
                                at,
                                "/shop/" + product,
                                agent,
                                referrer,
                                campaign,
                                props));
                at = at.plusSeconds(10 + random.nextInt(90));
            }
        }
        return events;
    }

    private static Timed event(
            Instant when,
            String name,
            String distinctId,
            Instant at,
            String path,
            String agent,
            String referrer,
            String[] campaign,
            String properties) {
        return new Timed(
                when,
                "{\"event\":\""
                        + name
                        + "\",\"distinct_id\":\""
                        + distinctId
                        + "\",\"insert_id\":\""
                        + UUID.randomUUID()
                        + "\",\"timestamp\":\""
                        + at
                        + "\",\"properties\":"
                        + properties
                        + ",\"context\":{\"page\":{\"url\":\"https://demo.streamlytics.io"
                        + path
                        + "\",\"path\":\""
                        + path
                        + "\",\"referrer\":\""
                        + referrer
                        + "\"},\"user_agent\":\""
                        + agent
                        + "\",\"library\":{\"name\":\"streamlytics-demo\",\"version\":\"1\"}"
                        + ",\"campaign\":{\"source\":\""
                        + campaign[0]
                        + "\",\"medium\":\""
                        + campaign[1]
                        + "\",\"name\":\""
                        + campaign[2]
                        + "\"}}}");
    }
}
