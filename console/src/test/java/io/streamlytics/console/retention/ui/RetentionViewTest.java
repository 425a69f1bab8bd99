package io.streamlytics.console.retention.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.retention.domain.RetentionForm;
import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.service.SegmentDesk;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The retention builder with Karibu on the console's services and real ClickHouse. */
class RetentionViewTest extends ConsoleViewTest {
    @Autowired private InsightQueries queries;
    @Autowired private InsightStore store;
    @Autowired private EventCatalog catalog;
    @Autowired private SegmentDesk segmentDesk;

    @Test
    void aCohortTableShowsWhoCameBackEachDay() {
        TestProject shop = newProject("Retention shop");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long first = today.minusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 1800;
        long again = today.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 1;
        // ann and bob start two days ago, ann comes back today
        Object[][] events = {{"ann", first}, {"bob", first + 60}, {"ann", again}};
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < events.length; i++) {
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"re-%d\",\"event\":\"visit\","
                                    + "\"distinct_id\":\"%s\",\"timestamp\":%d,\"received_at\":%d}%n",
                            shop.id(), i, events[i][0], events[i][1], events[i][1]));
        }
        insert(rows.toString());
        signIn("retention-admin@example.com", "admin");

        RetentionForm form = new RetentionForm();
        form.period = "day";
        form.periods = 3;
        form.range = "14d";
        RetentionView view = new RetentionView(queries, store, catalog, segmentDesk, access);
        UI.getCurrent().add(view);
        view.open(shop.id(), RetentionForm.fromParameter(form.toParameter()));

        assertThat(_get(Span.class, spec -> spec.withId("status")).getText()).isEmpty();
        @SuppressWarnings("unchecked")
        Grid<RetentionView.Cohort> table = _get(Grid.class, spec -> spec.withId("retention-table"));
        List<RetentionView.Cohort> cohorts = new ArrayList<>();
        for (int i = 0; i < GridKt._size(table); i++) {
            cohorts.add(GridKt._get(table, i));
        }
        RetentionView.Cohort started =
                cohorts.stream()
                        .filter(c -> c.start().equals(today.minusDays(2).toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(started.size()).isEqualTo(2);
        assertThat(started.rates()).containsExactly(1.0, 0.0, 0.5, null);
        assertThat(cohorts.get(0).start()).isEqualTo("Average");
        assertThat(_find(Grid.class, spec -> spec.withId("retention-by-segment")))
                .as("no segment chosen")
                .isEmpty();

        // the people who came back (ann) as a segment, compared beside everyone
        Segment returning =
                segmentDesk.create(
                        access.current(),
                        shop.id(),
                        "Visited twice",
                        "{\"version\": 1, \"match\": {\"did\": {\"event\": \"visit\"},"
                                + " \"at_least\": 2, \"in_last\": \"30d\"}}",
                        60);
        form.segments = List.of(returning.id());
        RetentionView compared = new RetentionView(queries, store, catalog, segmentDesk, access);
        UI.getCurrent().add(compared);
        compared.open(shop.id(), RetentionForm.fromParameter(form.toParameter()));
        @SuppressWarnings("unchecked")
        Grid<RetentionView.Cohort> bySegment =
                _get(compared, Grid.class, spec -> spec.withId("retention-by-segment"));
        assertThat(GridKt._size(bySegment)).isEqualTo(1);
        RetentionView.Cohort ann = GridKt._get(bySegment, 0);
        assertThat(ann.start()).isEqualTo("Visited twice");
        assertThat(ann.size()).isEqualTo(1);
        assertThat(ann.rates()).startsWith(1.0, 0.0);
        assertThat(compared.read().segments).containsExactly(returning.id());
    }
}
