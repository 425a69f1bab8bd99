package io.streamlytics.console.people.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.people.domain.PersonProfile;
import io.streamlytics.console.people.service.PersonProfiles;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A person's profile and the people search, with Karibu on real ClickHouse. */
class PersonViewTest extends ConsoleViewTest {
    @Autowired private PersonProfiles people;

    @Test
    void aPersonShowsTheirPropertiesIdsAndEvents() {
        TestProject shop = newProject("People shop");
        long t = System.currentTimeMillis() / 1000 - 600;
        insert(
                String.format(
                        "{\"project_id\":%1$d,\"insert_id\":\"pe-1\",\"event\":\"page_view\",\"distinct_id\":\"anon-1\",\"person_id\":\"p-ann\",\"page_path\":\"/\",\"timestamp\":%2$d,\"received_at\":%2$d}%n"
                                + "{\"project_id\":%1$d,\"insert_id\":\"pe-2\",\"event\":\"sign_up\",\"distinct_id\":\"ann\",\"person_id\":\"p-ann\",\"page_path\":\"/signup\",\"timestamp\":%3$d,\"received_at\":%3$d}%n"
                                + "{\"project_id\":%1$d,\"insert_id\":\"pe-3\",\"event\":\"page_view\",\"distinct_id\":\"bob\",\"page_path\":\"/\",\"timestamp\":%3$d,\"received_at\":%3$d}%n",
                        shop.id(), t, t + 60));
        clickhouse.insertJsonEachRow(
                "persons",
                String.format(
                                "{\"project_id\":%d,\"person_id\":\"p-ann\",\"properties\":\"{\\\"plan\\\":\\\"pro\\\"}\","
                                        + "\"created_at\":%d,\"updated_at\":%d,\"is_deleted\":0,\"version\":1}%n",
                                shop.id(), t, t)
                        .getBytes(StandardCharsets.UTF_8));
        signIn("people-admin@example.com", "admin");

        PersonView view = new PersonView(people, access);
        UI.getCurrent().add(view);
        view.open(shop.id(), "p-ann");

        assertThat(_get(Span.class, spec -> spec.withId("status")).getText()).isEmpty();
        assertThat(_get(Span.class, spec -> spec.withId("person-summary")).getText())
                .startsWith("2 events from")
                .endsWith("ids: ann, anon-1");
        @SuppressWarnings("unchecked")
        Grid<Map.Entry<String, String>> properties =
                _get(Grid.class, spec -> spec.withId("person-properties"));
        assertThat(GridKt._get(properties, 0)).isEqualTo(Map.entry("plan", "pro"));
        @SuppressWarnings("unchecked")
        Grid<PersonProfile.TimelineEvent> timeline =
                _get(Grid.class, spec -> spec.withId("person-timeline"));
        assertThat(GridKt._get(timeline, 0).event()).as("newest first").isEqualTo("sign_up");

        assertThat(people.search(access.current(), shop.id(), "ANN"))
                .extracting(PersonProfile.Match::personId)
                .containsExactly("p-ann");
        // an id is data, never SQL
        assertThat(people.profile(access.current(), shop.id(), "x' OR '1'='1")).isEmpty();
        view.open(shop.id(), "x' OR '1'='1");
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                .startsWith("No events of x' OR '1'='1 in this project");
    }
}
