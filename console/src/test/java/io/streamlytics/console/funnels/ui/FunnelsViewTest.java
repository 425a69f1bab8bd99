package io.streamlytics.console.funnels.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.funnels.domain.FunnelForm;
import io.streamlytics.console.funnels.service.DropOffSegments;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.service.SegmentService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The funnel builder with Karibu on the console's services and real ClickHouse, PostgreSQL and
 * Redis: a linked funnel runs, shows conversion per step, and who dropped becomes a segment.
 */
class FunnelsViewTest extends ConsoleViewTest {
    @Autowired private InsightQueries queries;
    @Autowired private InsightStore store;
    @Autowired private EventCatalog catalog;
    @Autowired private DropOffSegments dropOffs;
    @Autowired private SegmentService segments;

    /** The page opened by a link to the funnel viewed → carted → paid over 7 days. */
    private FunnelsView viewedCartedPaid(TestProject shop) {
        FunnelForm form = new FunnelForm();
        form.steps = List.of("viewed", "carted", "paid");
        form.range = "7d";
        FunnelsView view = new FunnelsView(queries, store, catalog, dropOffs, access);
        UI.getCurrent().add(view);
        view.open(shop.id(), FunnelForm.fromParameter(form.toParameter()));
        return view;
    }

    @Test
    void aLinkedFunnelShowsEachStepAndWhoDroppedBecomesASegment() {
        TestProject shop = newProject("Funnel shop");
        long t = System.currentTimeMillis() / 1000 - 3600;
        String[][] events = {
            {"ann", "viewed", "0"},
            {"ann", "carted", "60"},
            {"ann", "paid", "120"},
            {"bob", "viewed", "10"},
            {"bob", "carted", "600"},
            {"cyd", "viewed", "20"}
        };
        insertEvents(shop, "fu", t, events);
        signIn("funnel-admin@example.com", "admin");
        FunnelsView view = viewedCartedPaid(shop);

        assertThat(_get(Span.class, spec -> spec.withId("status")).getText()).isEmpty();
        @SuppressWarnings("unchecked")
        Grid<FunnelsView.StepRow> steps = _get(Grid.class, spec -> spec.withId("funnel-steps"));
        assertThat(GridKt._size(steps)).isEqualTo(3);
        assertThat(List.of(0, 1, 2).stream().map(i -> GridKt._get(steps, i).people()))
                .containsExactly(3L, 2L, 1L);
        assertThat(_get(Span.class, spec -> spec.withId("summary")).getText())
                .isEqualTo("33.3% of 3 people converted.");
        assertThat(_get(EChart.class, spec -> spec.withId("funnel-chart")).option())
                .contains("\"1. viewed\"", "\"data\":[3.0,2.0,1.0]");

        _get(TextField.class, spec -> spec.withId("insight-name")).setValue("Checkout");
        view.saveDropOff(2);
        Segment dropped =
                segments.all(shop.id()).stream()
                        .filter(s -> s.name().equals("Checkout: dropped before step 2"))
                        .findFirst()
                        .orElseThrow();
        assertThat(segments.members(shop.id(), dropped.id(), 0, 10)).containsExactly("cyd");
    }

    @Test
    void aStepsOwnWindowAndAnExclusionAreEditedInThePageAndKeptInItsLink() {
        TestProject shop = newProject("Funnel limits");
        long t = System.currentTimeMillis() / 1000 - 3600;
        String[][] events = {
            {"ann", "viewed", "0"},
            {"ann", "carted", "60"},
            {"ann", "cancelled", "90"},
            {"ann", "paid", "120"},
            {"bob", "viewed", "10"},
            {"bob", "carted", "600"},
            {"bob", "paid", "700"},
            {"cyd", "viewed", "20"}
        };
        insertEvents(shop, "fl", t, events);
        signIn("funnel-limits@example.com", "admin");
        FunnelsView view = viewedCartedPaid(shop);
        @SuppressWarnings("unchecked")
        Grid<FunnelsView.StepRow> steps = _get(Grid.class, spec -> spec.withId("funnel-steps"));
        assertThat(List.of(0, 1, 2).stream().map(i -> GridKt._get(steps, i).people()))
                .containsExactly(3L, 2L, 2L);

        @SuppressWarnings("unchecked")
        Select<String> carted = _find(Select.class, spec -> spec.withClasses("step-within")).get(1);
        carted.setValue("5m");
        _get(Button.class, spec -> spec.withId("add-exclusion")).click();
        @SuppressWarnings("unchecked")
        ComboBox<String> excluded =
                _get(ComboBox.class, spec -> spec.withClasses("exclusion-event"));
        excluded.setValue("cancelled");
        @SuppressWarnings("unchecked")
        List<Select<Integer>> between =
                _find(HorizontalLayout.class).stream()
                        .filter(h -> h.getChildren().anyMatch(c -> c == excluded))
                        .findFirst()
                        .orElseThrow()
                        .getChildren()
                        .filter(c -> c instanceof Select)
                        .map(c -> (Select<Integer>) c)
                        .toList();
        between.get(0).setValue(2);
        between.get(1).setValue(3);
        view.run();

        assertThat(List.of(0, 1, 2).stream().map(i -> GridKt._get(steps, i).people()))
                .as("bob carted after 5 minutes; ann cancelled between carting and paying")
                .containsExactly(3L, 1L, 0L);
        assertThat(view.read().toQuery().toString())
                .contains("{\"event\":\"carted\",\"within\":\"5m\"}")
                .contains("{\"event\":\"cancelled\",\"after_step\":2,\"before_step\":3}");
    }

    /** Events of {@code {person, event, seconds after t}}, with insert ids {@code prefix-i}. */
    private static void insertEvents(TestProject shop, String prefix, long t, String[][] events) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < events.length; i++) {
            long at = t + Long.parseLong(events[i][2]);
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"%s-%d\",\"event\":\"%s\","
                                    + "\"distinct_id\":\"%s\",\"timestamp\":%d,\"received_at\":%d}%n",
                            shop.id(), prefix, i, events[i][1], events[i][0], at, at));
        }
        insert(rows.toString());
    }
}
