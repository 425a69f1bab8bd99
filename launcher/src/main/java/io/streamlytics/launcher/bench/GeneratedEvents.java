package io.streamlytics.launcher.bench;

import java.time.Instant;
import java.util.Random;

/**
 * A deterministic product's events for the query benchmark: people sign up over the first 100 days
 * of a 120-day stretch, come back on fewer days as weeks pass, browse (page views, clicks) and
 * sometimes walk a 20-step flow {@code f1 … f20}, each step taken by 85% of those at the step
 * before. The same seed gives the same events, so ClickHouse and PostgreSQL get identical data
 * without holding it in memory.
 */
final class GeneratedEvents {
    static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
    static final int DAYS = 120;
    static final String[] COUNTRIES = {"DE", "US", "FR", "GB", "IN", "BR", "JP", "ES", "IT", "NL"};

    /** One event: who, what, when (Unix seconds), where. */
    interface Sink {
        void event(int person, String event, long time, String country) throws Exception;
    }

    private final int people;
    private final long events;

    GeneratedEvents(int people, long events) {
        this.people = people;
        this.events = events;
    }

    /** Emits exactly {@code events} events, person by person. */
    void emit(Sink sink) throws Exception {
        Random random = new Random(20261128);
        long emitted = 0;
        long perPerson = events / people;
        long remainder = events % people;
        for (int person = 0; person < people && emitted < events; person++) {
            long budget = perPerson + (person < remainder ? 1 : 0);
            String country =
                    COUNTRIES[
                            Math.min(
                                    COUNTRIES.length - 1,
                                    (int) (-Math.log(random.nextDouble()) * 3))];
            int day = random.nextInt(100);
            long time = START.getEpochSecond() + day * 86_400L + random.nextInt(80_000);
            sink.event(person, "signup", time, country);
            emitted++;
            budget--;
            while (budget > 0) {
                // a session: a few to a few dozen events a minute or so apart
                int length = (int) Math.min(budget, 2 + random.nextInt(30));
                int step = random.nextDouble() < 0.3 ? 1 : 0;
                for (int i = 0; i < length; i++) {
                    time += 5 + random.nextInt(120);
                    String event;
                    if (step > 0 && step <= 20 && random.nextDouble() < 0.5) {
                        event = "f" + step;
                        step = random.nextDouble() < 0.85 ? step + 1 : 21;
                    } else {
                        event = random.nextDouble() < 0.7 ? "page_view" : "click";
                    }
                    sink.event(person, event, time, country);
                }
                emitted += length;
                budget -= length;
                // the next visit: later and later, never past the stretch
                time +=
                        3_600L
                                + (long)
                                        (-Math.log(random.nextDouble())
                                                * 86_400
                                                * (1 + day / 20.0));
                long end = START.getEpochSecond() + DAYS * 86_400L - 1;
                if (time > end) {
                    time = end - random.nextInt(86_400 * 20);
                }
            }
        }
    }
}
