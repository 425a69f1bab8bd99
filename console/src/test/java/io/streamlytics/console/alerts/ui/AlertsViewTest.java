package io.streamlytics.console.alerts.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.MaintenanceWindow;
import io.streamlytics.console.alerts.domain.Policy;
import io.streamlytics.console.alerts.domain.Silence;
import io.streamlytics.console.alerts.service.AlertDesk;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The alerts page with Karibu: channels and an escalation policy made there, and who may. */
class AlertsViewTest extends ConsoleViewTest {
    @Autowired private AlertDesk desk;

    @Test
    void channelsAndAPolicyAreMadeInThePageAndViewersOnlyLook() {
        TestProject shop = newProject("Alerts page");
        long analyst = signIn("alerts-page@example.com", "analyst");
        access.addMember(shop.id(), analyst);
        AlertsView view = new AlertsView(desk, access);
        UI.getCurrent().add(view);
        view.open(shop.id());

        view.channelName.setValue("ops-hook");
        view.channelTarget.setValue("not a url");
        view.addChannel();
        assertThat(status()).startsWith("url:");
        view.channelTarget.setValue("https://example.com/hooks/ops");
        view.addChannel();
        assertThat(status()).startsWith("Added ops-hook. Its signing secret, shown this once: ");
        view.channelName.setValue("ops-slack");
        view.channelKind.setValue("slack");
        view.channelTarget.setValue("https://example.com/hooks/slack");
        view.addChannel();
        @SuppressWarnings("unchecked")
        Grid<Channel> channels = _get(Grid.class, spec -> spec.withId("channel-list"));
        assertThat(channels.getGenericDataView().getItems().map(Channel::name))
                .containsExactlyInAnyOrder("ops-hook", "ops-slack");

        view.firstLevel.setValue(Set.of("ops-hook"));
        view.escalateAfter.setValue("10m");
        view.secondLevel.setValue(Set.of("ops-slack"));
        view.savePolicy();
        assertThat(status())
                .isEqualTo("Saved the policy default: at once: ops-hook; after 10m: ops-slack.");
        @SuppressWarnings("unchecked")
        Grid<Policy> policies = _get(Grid.class, spec -> spec.withId("policy-list"));
        assertThat(policies.getGenericDataView().getItems().map(AlertsView::levels))
                .containsExactly("at once: ops-hook; after 10m: ops-slack");
        view.escalateAfter.setValue("soon");
        view.savePolicy();
        assertThat(status())
                .isEqualTo("levels.1.after: a duration like 30s, 10m, 2h or 1d, not soon");

        view.silenceRule.setValue("payment-failures");
        view.silenceFor.setValue("1h");
        view.silenceComment.setValue("deploying the payment service");
        view.silence();
        assertThat(status()).startsWith("Silenced until ");
        @SuppressWarnings("unchecked")
        Grid<Silence> silences = _get(Grid.class, spec -> spec.withId("silence-list"));
        Silence made = silences.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(made.ruleId()).isEqualTo("payment-failures");
        assertThat(made.key()).as("every key").isNull();
        assertThat(java.time.Duration.between(made.startsAt(), made.endsAt()))
                .isEqualTo(java.time.Duration.ofHours(1));

        // a weekly window for Saturday night's planned work, read in Paris time
        MaintenanceWindows windows =
                _get(MaintenanceWindows.class, spec -> spec.withId("maintenance-windows"));
        windows.name.setValue("Saturday deploys");
        windows.days.setValue(
                java.util.Set.of(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY));
        windows.start.setValue(java.time.LocalTime.of(23, 30));
        windows.length.setValue("2h");
        windows.zone.setValue("Europe/Paris");
        windows.add();
        assertThat(status())
                .isEqualTo("Added Saturday deploys: Sat, Sun 23:30 for 2h (Europe/Paris).");
        @SuppressWarnings("unchecked")
        Grid<MaintenanceWindow> windowList = _get(Grid.class, spec -> spec.withId("window-list"));
        MaintenanceWindow window =
                windowList.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(window.ruleId()).as("every rule").isNull();
        assertThat(desk.windows(access.current(), shop.id())).containsExactly(window);
        windows.days.clear();
        windows.add();
        assertThat(status()).isEqualTo("days: at least one of mon, tue, wed, thu, fri, sat, sun");
        windows.delete(window);
        assertThat(desk.windows(access.current(), shop.id())).isEmpty();

        signIn("alerts-viewer@example.com", "viewer");
        Actor viewer = access.current();
        access.addMember(shop.id(), viewer.userId());
        assertThat(desk.channels(viewer, shop.id())).hasSize(2);
        assertThatThrownBy(
                        () ->
                                desk.createChannel(
                                        viewer, shop.id(), "x", "webhook", "https://example.com"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> desk.silence(viewer, shop.id(), null, null, "1h", ""))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(
                        () ->
                                desk.createWindow(
                                        viewer,
                                        shop.id(),
                                        "w",
                                        null,
                                        List.of("sat"),
                                        "02:00",
                                        "1h",
                                        "UTC"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> desk.acknowledge(viewer, shop.id(), 1))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(
                        () ->
                                desk.alerts(
                                        access.actor("alerts-page@example.com"),
                                        newProject("Not mine").id(),
                                        List.of(),
                                        10))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static String status() {
        return _get(Span.class, spec -> spec.withId("status")).getText();
    }
}
