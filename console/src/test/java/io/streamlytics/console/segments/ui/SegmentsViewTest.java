package io.streamlytics.console.segments.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.segments.service.SegmentDesk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The segment builder with Karibu on the console's services and a real ClickHouse: nested
 * conditions make a definition, the segment is worked out, its size and members are shown, and a
 * saved definition comes back into the builder.
 */
class SegmentsViewTest extends ConsoleViewTest {
    @Autowired private SegmentDesk segments;
    @Autowired private EventCatalog catalog;

    @Test
    void nestedConditionsMakeASegmentWithItsSizeAndMembers() {
        TestProject shop = newProject("Segment builder");
        long t = System.currentTimeMillis() / 1000 - 3600;
        String[][] events = {
            {"ann", "purchase", "{}"},
            {"ann", "purchase", "{}"},
            {"ann", "purchase", "{}"},
            {"bob", "purchase", "{}"},
            {"bob", "page_view", "{\\\"plan\\\":\\\"pro\\\"}"},
            {"cyd", "page_view", "{\\\"plan\\\":\\\"free\\\"}"},
            {"dan", "purchase", "{\\\"plan\\\":\\\"free\\\"}"}
        };
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < events.length; i++) {
            rows.append(
                    String.format(
                            "{\"project_id\":%d,\"insert_id\":\"sb-%d\",\"event\":\"%s\",\"distinct_id\":\"%s\",\"timestamp\":%d,\"received_at\":%d,\"properties\":\"%s\"}%n",
                            shop.id(), i, events[i][1], events[i][0], t + i, t + i, events[i][2]));
        }
        insert(rows.toString());
        long analyst = signIn("segments@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        SegmentsView view = new SegmentsView(segments, catalog, access);
        UI.getCurrent().add(view);
        view.open(shop.id());
        assertThat(status()).startsWith("No segment yet:");

        // buyers of 3 or more, or buyers on the pro plan
        ConditionGroup root = view.builder();
        root.mode.setValue("or");
        ConditionRow loyal = (ConditionRow) root.children().get(0);
        loyal.event.setValue("purchase");
        loyal.atLeast.setValue(3);
        ConditionGroup pro = root.addGroup();
        ConditionRow bought = (ConditionRow) pro.children().get(0);
        bought.event.setValue("purchase");
        ConditionRow plan = pro.addCondition();
        plan.kind.setValue(ConditionRow.HAS);
        plan.property.setValue("plan");
        plan.value.setValue("pro");
        assertThat(view.definition())
                .isEqualTo(
                        "{\"version\":1,\"match\":{\"or\":["
                                + "{\"did\":{\"event\":\"purchase\"},\"at_least\":3,\"in_last\":\"30d\"},"
                                + "{\"and\":[{\"did\":{\"event\":\"purchase\"},\"at_least\":1,\"in_last\":\"30d\"},"
                                + "{\"has\":{\"property\":\"plan\",\"op\":\"equals\",\"value\":\"pro\"}}]}]}}");

        view.name.setValue("Good buyers");
        _get(Button.class, spec -> spec.withId("save-segment")).click();
        assertThat(status()).isEqualTo("Saved Good buyers: 2 people now.");
        @SuppressWarnings("unchecked")
        Grid<String> members = _get(Grid.class, spec -> spec.withId("segment-members"));
        assertThat(members.getGenericDataView().getItems()).containsExactlyInAnyOrder("ann", "bob");
        assertThat(_get(EChart.class, spec -> spec.withId("segment-sizes")).option())
                .contains("\"data\":[2.0]");
        assertThat(view.definition())
                .as("the saved definition is back in the builder, to change")
                .contains("{\"and\":[{\"did\"");
        assertThat(view.name.getValue()).isEqualTo("Good buyers");
        assertThat(_get(H3.class, spec -> spec.withId("segment-form-title")).getText())
                .isEqualTo("Edit Good buyers");

        // changed in place: four purchases now, so ann is out; same segment, its history goes on
        ((ConditionRow) view.builder().children().get(0)).atLeast.setValue(4);
        _get(Button.class, spec -> spec.withId("update-segment")).click();
        assertThat(status()).isEqualTo("Changed Good buyers: 1 people now.");
        assertThat(members.getGenericDataView().getItems()).containsExactly("bob");
        assertThat(segments.list(access.current(), shop.id()))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.name()).isEqualTo("Good buyers");
                            assertThat(s.definition()).contains("\"at_least\": 4");
                        });
        assertThat(_get(EChart.class, spec -> spec.withId("segment-sizes")).option())
                .contains("\"data\":[2.0,1.0]");
        _get(Button.class, spec -> spec.withId("new-segment")).click();
        assertThat(view.name.getValue()).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("update-segment")))
                .as("nothing to change in place")
                .isEmpty();

        // a property condition without its property: refused with the definition's problem
        ((ConditionRow) view.newBuilder(null).children().get(0)).kind.setValue(ConditionRow.HAS);
        view.name.setValue("Broken");
        view.save();
        assertThat(status()).startsWith("The segment is not valid: ");

        signIn("segments-viewer@example.com", "viewer");
        access.addMember(shop.id(), access.current().userId());
        SegmentsView viewers = new SegmentsView(segments, catalog, access);
        UI.getCurrent().add(viewers);
        viewers.open(shop.id());
        assertThat(_get(viewers, Button.class, spec -> spec.withId("save-segment")).isEnabled())
                .isFalse();
    }

    private static String status() {
        return _get(Span.class, spec -> spec.withId("status")).getText();
    }
}
