package io.streamlytics.console.insights.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.insights.domain.PathsForm;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The paths builder with Karibu on the console's services and real ClickHouse. */
class PathsViewTest extends ConsoleViewTest {
    @Autowired private InsightQueries queries;
    @Autowired private InsightStore store;
    @Autowired private EventCatalog catalog;

    @Test
    void pathsAfterAnEventAreDrawnAsFlowsAndListed() {
        TestProject site = newProject("Paths site");
        long t = System.currentTimeMillis() / 1000 - 3600;
        String[][] events = {
            {"ann", "home"},
            {"ann", "pricing"},
            {"ann", "signup"},
            {"bob", "home"},
            {"bob", "pricing"},
            {"cyd", "home"},
            {"cyd", "docs"}
        };
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < events.length; i++) {
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"pa-%d\",\"event\":\"%s\","
                                    + "\"distinct_id\":\"%s\",\"timestamp\":%d,\"received_at\":%d}%n",
                            site.id(), i, events[i][1], events[i][0], t + i, t + i));
        }
        insert(rows.toString());
        signIn("paths-admin@example.com", "admin");

        PathsForm form = new PathsForm();
        form.start = "home";
        form.depth = 3;
        PathsView view = new PathsView(queries, store, catalog, access);
        UI.getCurrent().add(view);
        view.open(site.id(), PathsForm.fromParameter(form.toParameter()));

        assertThat(_get(Span.class, spec -> spec.withId("status")).getText()).isEmpty();
        assertThat(_get(EChart.class, spec -> spec.withId("paths-chart")).option())
                .contains("\"type\":\"sankey\"")
                .contains("{\"source\":\"1. home\",\"target\":\"2. pricing\",\"value\":2}")
                .contains("{\"source\":\"2. pricing\",\"target\":\"3. signup\",\"value\":1}");
        @SuppressWarnings("unchecked")
        Grid<PathsView.Path> top = _get(Grid.class, spec -> spec.withId("top-paths"));
        assertThat(
                        java.util.stream.IntStream.range(0, GridKt._size(top))
                                .mapToObj(i -> GridKt._get(top, i)))
                .containsExactlyInAnyOrder(
                        new PathsView.Path("home → pricing → signup", 1),
                        new PathsView.Path("home → pricing", 1),
                        new PathsView.Path("home → docs", 1));
    }
}
