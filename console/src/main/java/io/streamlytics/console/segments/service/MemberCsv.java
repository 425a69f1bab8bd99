package io.streamlytics.console.segments.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * People from an uploaded CSV: the column named person, person_id, distinct_id or id when the first
 * row is such a header, else the first column of every row.
 */
final class MemberCsv {
    static final int MAX_PEOPLE = 1_000_000;
    private static final Set<String> HEADERS = Set.of("person", "person_id", "distinct_id", "id");

    private MemberCsv() {}

    static List<String> read(Reader csv) {
        List<String> people = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).get().parse(csv)) {
            int column = 0;
            boolean first = true;
            for (CSVRecord record : parser) {
                if (first) {
                    first = false;
                    int header = header(record);
                    if (header >= 0) {
                        column = header;
                        continue;
                    }
                }
                String person = record.size() > column ? record.get(column) : "";
                if (!person.isEmpty()) {
                    people.add(person);
                }
                if (people.size() > MAX_PEOPLE) {
                    throw new IllegalArgumentException(
                            "the CSV lists more than " + MAX_PEOPLE + " people; split it");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("the CSV could not be read: " + e.getMessage());
        }
        if (people.isEmpty()) {
            throw new IllegalArgumentException(
                    "the CSV lists no people: one id per row, or a column named person");
        }
        return people;
    }

    private static int header(CSVRecord record) {
        for (int i = 0; i < record.size(); i++) {
            if (HEADERS.contains(record.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }
}
