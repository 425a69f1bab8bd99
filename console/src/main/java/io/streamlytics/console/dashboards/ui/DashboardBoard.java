package io.streamlytics.console.dashboards.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.shared.Registration;
import io.streamlytics.console.dashboards.domain.DashboardPage;
import io.streamlytics.console.dashboards.domain.Widget;
import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.console.live.service.LiveHub;
import io.streamlytics.console.live.service.LiveListener;
import io.streamlytics.console.live.service.LiveSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A dashboard's widgets in a grid: insights refreshed every {@code refresh_seconds}, live counters
 * pushed as the live metrics change (Vaadin push).
 */
class DashboardBoard extends Div {
    private final DashboardPage page;
    private final BiFunction<String, String, JsonNode> run;
    private final LiveHub hub;
    private final List<WidgetCard> cards = new ArrayList<>();
    private LiveSubscription live;
    private Registration polling;

    /**
     * @param run runs a widget's query: (analysis, query) → result
     * @param controls a widget's buttons (none on a read-only board)
     */
    DashboardBoard(
            DashboardPage page,
            BiFunction<String, String, JsonNode> run,
            LiveHub hub,
            Function<Widget, Component[]> controls) {
        this.page = page;
        this.run = run;
        this.hub = hub;
        setId("dashboard-board");
        getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(auto-fill, minmax(28em, 1fr))")
                .set("gap", "var(--lumo-space-m)");
        for (Widget w : page.widgets()) {
            WidgetCard card = new WidgetCard(w, controls.apply(w));
            cards.add(card);
            add(card);
        }
        refresh();
    }

    /**
     * Lets an editor drag a widget onto another to put it in that one's place; {@code place}
     * receives (dragged widget, target widget).
     */
    void rearrangeable(BiConsumer<Long, Long> place) {
        for (WidgetCard card : cards) {
            DragSource.create(card).setDraggable(true);
            card.getStyle().set("cursor", "grab");
            DropTarget<WidgetCard> target = DropTarget.create(card);
            target.setDropEffect(DropEffect.MOVE);
            target.addDropListener(
                    e ->
                            e.getDragSourceComponent()
                                    .filter(WidgetCard.class::isInstance)
                                    .map(c -> ((WidgetCard) c).widget().id())
                                    .ifPresent(
                                            dragged -> place.accept(dragged, card.widget().id())));
        }
    }

    void refresh() {
        cards.forEach(c -> c.refresh(run));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(page.dashboard().refreshSeconds() * 1000);
        polling = ui.addPollListener(e -> refresh());
        List<WidgetCard> counters = cards.stream().filter(c -> c.widget().live()).toList();
        if (!counters.isEmpty()) {
            live =
                    hub.subscribe(
                            page.dashboard().projectId(),
                            "",
                            new LiveListener() {
                                @Override
                                public void snapshot(LiveSnapshot s) {
                                    ui.access(() -> counters.forEach(c -> c.live(s.activeUsers())));
                                }

                                @Override
                                public void feed(List<LiveFeedEvent> events, long dropped) {
                                    // counters only
                                }
                            });
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
        if (live != null) {
            live.close();
        }
    }
}
