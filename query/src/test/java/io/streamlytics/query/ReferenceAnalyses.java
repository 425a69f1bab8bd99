package io.streamlytics.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The analyses' documented meaning written plainly in Java, event by event, to compare the compiled
 * SQL with (docs/query-model.md): funnels (ordered, strict, any order), first-time retention and
 * distinct people per day.
 */
final class ReferenceAnalyses {
    /** One event of a person. */
    record Event(String person, String name, long second) {}

    private ReferenceAnalyses() {}

    /** People reaching each step (index 0 = step 1) of a funnel over steps named by event. */
    static long[] funnel(
            List<Event> events, List<String> steps, String order, long from, long to, long window) {
        long[] reached = new long[steps.size()];
        for (List<Event> person : byPerson(events).values()) {
            int level = level(person, steps, order, from, to, window);
            for (int k = 0; k < level; k++) {
                reached[k]++;
            }
        }
        return reached;
    }

    private static int level(
            List<Event> person, List<String> steps, String order, long from, long to, long window) {
        // the events the SQL looks at, in its order: by time, then by which steps they match
        List<long[]> sorted = new ArrayList<>();
        for (Event e : person) {
            long mask = 0;
            for (int k = 0; k < steps.size(); k++) {
                if (steps.get(k).equals(e.name())) {
                    mask |= 1L << k;
                }
            }
            if (mask != 0 || order.equals("strict")) {
                sorted.add(new long[] {e.second(), mask});
            }
        }
        sorted.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
        int best = 0;
        for (int s = 0; s < sorted.size(); s++) {
            long start = sorted.get(s)[0];
            boolean starts =
                    order.equals("any") ? sorted.get(s)[1] != 0 : (sorted.get(s)[1] & 1) != 0;
            if (!starts || start < from || start >= to) {
                continue;
            }
            int level;
            if (order.equals("any")) {
                level = 0;
                for (int k = 0; k < steps.size(); k++) {
                    for (int j = s; j < sorted.size(); j++) {
                        if ((sorted.get(j)[1] & (1L << k)) != 0
                                && sorted.get(j)[0] <= start + window) {
                            level++;
                            break;
                        }
                    }
                }
            } else {
                level = 1;
                int previous = s;
                for (int k = 1; k < steps.size(); k++) {
                    int found = -1;
                    if (order.equals("strict")) {
                        int j = previous + 1;
                        if (j < sorted.size()
                                && (sorted.get(j)[1] & (1L << k)) != 0
                                && sorted.get(j)[0] <= start + window) {
                            found = j;
                        }
                    } else {
                        for (int j = previous + 1; j < sorted.size(); j++) {
                            if ((sorted.get(j)[1] & (1L << k)) != 0
                                    && sorted.get(j)[0] <= start + window) {
                                found = j;
                                break;
                            }
                        }
                    }
                    if (found < 0) {
                        break;
                    }
                    level++;
                    previous = found;
                }
            }
            best = Math.max(best, level);
        }
        return best;
    }

    /**
     * Daily first-time retention: cohort size and people back on day n, per cohort day; {@code
     * periods + 1} numbers each.
     */
    static Map<LocalDate, long[]> retention(
            List<Event> events,
            String start,
            ZoneId zone,
            LocalDate first,
            LocalDate last,
            int periods) {
        Map<LocalDate, long[]> table = new java.util.TreeMap<>();
        for (List<Event> person : byPerson(events).values()) {
            LocalDate cohort = null;
            Set<LocalDate> active = new TreeSet<>();
            for (Event e : person) {
                LocalDate day = Instant.ofEpochSecond(e.second()).atZone(zone).toLocalDate();
                if (e.name().equals(start) && (cohort == null || day.isBefore(cohort))) {
                    cohort = day;
                }
                active.add(day);
            }
            if (cohort == null || cohort.isBefore(first) || cohort.isAfter(last)) {
                continue;
            }
            long[] row = table.computeIfAbsent(cohort, c -> new long[periods + 1]);
            row[0]++;
            for (int n = 1; n <= periods; n++) {
                if (active.contains(cohort.plusDays(n))) {
                    row[n]++;
                }
            }
        }
        return table;
    }

    /** Distinct people per local day. */
    static Map<LocalDate, Long> peoplePerDay(List<Event> events, ZoneId zone) {
        Map<LocalDate, Set<String>> people = new HashMap<>();
        for (Event e : events) {
            people.computeIfAbsent(
                            Instant.ofEpochSecond(e.second()).atZone(zone).toLocalDate(),
                            d -> new TreeSet<>())
                    .add(e.person());
        }
        Map<LocalDate, Long> counts = new java.util.TreeMap<>();
        people.forEach((day, who) -> counts.put(day, (long) who.size()));
        return counts;
    }

    private static Map<String, List<Event>> byPerson(List<Event> events) {
        Map<String, List<Event>> people = new HashMap<>();
        events.forEach(e -> people.computeIfAbsent(e.person(), p -> new ArrayList<>()).add(e));
        return people;
    }
}
