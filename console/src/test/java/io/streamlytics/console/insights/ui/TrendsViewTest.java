package io.streamlytics.console.insights.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.insights.domain.Filter;
import io.streamlytics.console.insights.domain.LinkedQuery;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.domain.TrendsForm;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The trends builder with Karibu on the console's services and real ClickHouse, PostgreSQL and
 * Redis: a form from a link runs and draws, is saved, and the saved insight links back to it.
 */
class TrendsViewTest extends ConsoleViewTest {
    @Autowired private InsightQueries queries;
    @Autowired private InsightStore store;
    @Autowired private EventCatalog catalog;

    @Test
    void aLinkedTrendRunsDrawsAndIsSaved() {
        TestProject shop = newProject("Trends shop");
        long now = System.currentTimeMillis() / 1000 - 120;
        StringBuilder rows = new StringBuilder();
        String[][] events = {{"ann", "DE"}, {"bob", "DE"}, {"cyd", "FR"}, {"ann", "DE"}};
        for (int i = 0; i < events.length; i++) {
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"tr-%d\",\"event\":\"purchase\","
                                    + "\"distinct_id\":\"%s\",\"country\":\"%s\","
                                    + "\"properties\":\"{\\\"revenue\\\":%d}\","
                                    + "\"timestamp\":%d,\"received_at\":%d}%n",
                            shop.id(),
                            i,
                            events[i][0],
                            events[i][1],
                            10 * (i + 1),
                            now + i,
                            now + i));
        }
        insert(rows.toString());
        long analyst = signIn("trends-analyst@example.com", "analyst");
        access.addMember(shop.id(), analyst);

        TrendsForm form = new TrendsForm();
        form.series = List.of(new TrendsForm.Series("purchase", "sum", "revenue"));
        form.filters = List.of(new Filter("$country", "equals", "DE"));
        form.range = "7d";
        form.chart = "number";
        TrendsView view = new TrendsView(queries, store, catalog, access);
        UI.getCurrent().add(view);
        view.open(shop.id(), TrendsForm.fromParameter(form.toParameter(), "number"));

        // ann 10 + bob 20 + ann 40 in Germany
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText()).isEmpty();
        assertThat(_get(Span.class, spec -> spec.withId("trends-number")).getText())
                .isEqualTo("70");

        form.chart = "bar";
        form.breakdown = "$country";
        form.filters = List.of();
        view.open(shop.id(), TrendsForm.fromParameter(form.toParameter(), "bar"));
        assertThat(_get(EChart.class, spec -> spec.withId("trends-chart")).option())
                .contains("\"type\":\"bar\"")
                .contains("· DE\"")
                .contains("· FR\"");

        _get(TextField.class, spec -> spec.withId("insight-name")).setValue("Revenue by country");
        _get(Button.class, spec -> spec.withId("save")).click();
        List<SavedInsight> saved = store.list(access.current(), shop.id());
        assertThat(saved).extracting(SavedInsight::name).containsExactly("Revenue by country");
        String link = InsightsView.link(saved.get(0));
        assertThat(link).startsWith("insights/trends?").contains("chart=bar");
        String q =
                QueryParameters.fromString(link.substring(link.indexOf('?') + 1))
                        .getParameters()
                        .get("q")
                        .get(0);
        assertThat(LinkedQuery.decode(q)).contains(form.toQuery());
    }
}
