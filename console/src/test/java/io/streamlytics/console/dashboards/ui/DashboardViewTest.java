package io.streamlytics.console.dashboards.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dnd.DropEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.TestUsers;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.dashboards.domain.Dashboard;
import io.streamlytics.console.dashboards.domain.DashboardPage;
import io.streamlytics.console.dashboards.domain.Widget;
import io.streamlytics.console.dashboards.service.DashboardService;
import io.streamlytics.console.funnels.domain.FunnelForm;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.live.service.LiveHub;
import io.streamlytics.core.config.PlatformConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Dashboards with Karibu on the console's services and real ClickHouse, PostgreSQL and Redis: a
 * saved funnel on a dashboard, its public link read-only, and who may see and change what.
 */
class DashboardViewTest extends ConsoleViewTest {
    @Autowired private DashboardService dashboards;
    @Autowired private InsightStore insights;
    @Autowired private InsightQueries queries;
    @Autowired private LiveHub hub;
    @Autowired private PlatformConfig config;

    @Test
    void aSavedFunnelOnADashboardIsSeenThroughItsPublicLinkReadOnly() {
        TestProject shop = newProject("Dashboard shop");
        long t = System.currentTimeMillis() / 1000 - 600;
        insert(
                String.format(
                        "{\"project_id\":%1$d,\"insert_id\":\"da-1\",\"event\":\"viewed\",\"distinct_id\":\"ann\",\"timestamp\":%2$d,\"received_at\":%2$d}%n"
                                + "{\"project_id\":%1$d,\"insert_id\":\"da-2\",\"event\":\"paid\",\"distinct_id\":\"ann\",\"timestamp\":%3$d,\"received_at\":%3$d}%n"
                                + "{\"project_id\":%1$d,\"insert_id\":\"da-3\",\"event\":\"viewed\",\"distinct_id\":\"bob\",\"timestamp\":%3$d,\"received_at\":%3$d}%n",
                        shop.id(), t, t + 60));
        long owner = signIn("dash-owner@example.com", "analyst");
        access.addMember(shop.id(), owner);
        FunnelForm funnel = new FunnelForm();
        funnel.steps = List.of("viewed", "paid");
        funnel.range = "7d";
        SavedInsight saved =
                insights.save(
                        access.current(),
                        shop.id(),
                        "Checkout",
                        "funnels",
                        funnel.toQuery().toString(),
                        "bar");
        Dashboard board = dashboards.create(access.current(), shop.id(), "Sales");
        dashboards.addInsight(access.current(), board.id(), saved.id());
        dashboards.addLive(access.current(), board.id());

        DashboardView view = new DashboardView(dashboards, insights, queries, hub, access, config);
        UI.getCurrent().add(view);
        view.open(board.id());
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText()).isEmpty();
        assertThat(_find(WidgetCard.class)).hasSize(2);
        assertThat(_get(EChart.class, spec -> spec.withClasses("echart")).option())
                .contains("\"1. viewed\"", "\"data\":[2.0,1.0]");

        view.share(Dashboard.Sharing.PUBLIC);
        String link = _get(Span.class, spec -> spec.withId("public-link")).getText();
        assertThat(link).contains("http://127.0.0.1:").contains("/public/dashboards/pd_");
        String token = link.substring(link.indexOf("/public/dashboards/") + 19);

        // a visitor without a session: the same widgets, no controls
        TestUsers.signOut();
        UI.getCurrent().removeAll();
        PublicDashboardView visitor = new PublicDashboardView(dashboards, queries, hub);
        UI.getCurrent().add(visitor);
        visitor.open(token);
        assertThat(_find(WidgetCard.class)).hasSize(2);
        assertThat(_find(com.vaadin.flow.component.button.Button.class)).isEmpty();
        assertThat(dashboards.publicPage("pd_" + "0".repeat(48)))
                .as("a made-up token opens nothing")
                .isEmpty();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM audit_log WHERE actor = 'public link'"
                                        + " AND project_id = ?",
                                Integer.class,
                                shop.id()))
                .isEqualTo(1);

        // private again: the link stops working
        signIn("dash-owner@example.com", "analyst");
        dashboards.share(access.current(), board.id(), Dashboard.Sharing.PRIVATE);
        assertThat(dashboards.publicPage(token)).isEmpty();
    }

    @Test
    void aPrivateDashboardIsItsOwnersAndViewersOnlyLook() {
        TestProject shop = newProject("Dashboard rights");
        long owner = signIn("rights-owner@example.com", "analyst");
        access.addMember(shop.id(), owner);
        Dashboard board = dashboards.create(access.current(), shop.id(), "Mine");

        long other = signIn("rights-other@example.com", "analyst");
        access.addMember(shop.id(), other);
        assertThat(dashboards.list(access.current(), shop.id())).isEmpty();
        assertThatThrownBy(() -> dashboards.page(access.current(), board.id()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("not shared with you");

        signIn("rights-owner@example.com", "analyst");
        dashboards.setMember(access.current(), board.id(), other, false);
        signIn("rights-other@example.com", "analyst");
        DashboardPage page = dashboards.page(access.current(), board.id());
        assertThat(page.canEdit()).as("added as a viewer").isFalse();
        assertThatThrownBy(() -> dashboards.addLive(access.current(), board.id()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("ask its owner to add you as an editor");
        assertThatThrownBy(() -> dashboards.delete(access.current(), board.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theOwnerSharesAPrivateDashboardWithAPersonInThePageAndTakesItBack() {
        TestProject shop = newProject("Dashboard members");
        long friend = TestUsers.create(jdbc, "members-friend@example.com", "analyst");
        access.addMember(shop.id(), friend);
        long owner = signIn("members-owner@example.com", "analyst");
        access.addMember(shop.id(), owner);
        Dashboard board = dashboards.create(access.current(), shop.id(), "Team");
        DashboardView view = new DashboardView(dashboards, insights, queries, hub, access, config);
        UI.getCurrent().add(view);
        view.open(board.id());

        _get(TextField.class, spec -> spec.withId("member-email")).setValue("nobody@example.com");
        _get(Button.class, spec -> spec.withId("add-member")).click();
        assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                .isEqualTo(
                        "No console user nobody@example.com: an admin adds people in Admin · Users.");
        _get(TextField.class, spec -> spec.withId("member-email"))
                .setValue("members-friend@example.com");
        @SuppressWarnings("unchecked")
        Select<String> role = _get(Select.class, spec -> spec.withId("member-role"));
        role.setValue("edit");
        _get(Button.class, spec -> spec.withId("add-member")).click();
        assertThat(_find(HorizontalLayout.class, spec -> spec.withClasses("member")))
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(
                                                line.getChildren()
                                                        .findFirst()
                                                        .map(c -> ((Span) c).getText()))
                                        .hasValue("members-friend@example.com · may edit"));
        assertThat(
                        dashboards
                                .page(access.actor("members-friend@example.com"), board.id())
                                .canEdit())
                .isTrue();

        _get(Button.class, spec -> spec.withText("Remove")).click();
        assertThat(_find(HorizontalLayout.class, spec -> spec.withClasses("member"))).isEmpty();
        assertThatThrownBy(
                        () ->
                                dashboards.page(
                                        access.actor("members-friend@example.com"), board.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void editorsMakeAWidgetWiderAndChooseHowOftenTheDashboardRefreshes() {
        TestProject shop = newProject("Dashboard layout");
        long owner = signIn("widths-owner@example.com", "analyst");
        access.addMember(shop.id(), owner);
        Dashboard board = dashboards.create(access.current(), shop.id(), "Layout");
        dashboards.addLive(access.current(), board.id());
        DashboardView view = new DashboardView(dashboards, insights, queries, hub, access, config);
        UI.getCurrent().add(view);
        view.open(board.id());

        _get(Button.class, spec -> spec.withClasses("widget-width")).click();
        assertThat(dashboards.page(access.current(), board.id()).widgets())
                .extracting(Widget::width)
                .containsExactly(2);
        assertThat(_find(Div.class, spec -> spec.withClasses("widget-wide"))).hasSize(1);
        assertThat(_get(Button.class, spec -> spec.withClasses("widget-width")).getText())
                .isEqualTo("Narrower");

        dashboards.setRefresh(access.current(), board.id(), 60);
        assertThat(dashboards.page(access.current(), board.id()).dashboard().refreshSeconds())
                .isEqualTo(60);
        assertThatThrownBy(() -> dashboards.setRefresh(access.current(), board.id(), 5))
                .hasMessage("Refresh every 10 seconds to once a day.");

        dashboards.share(access.current(), board.id(), Dashboard.Sharing.PROJECT);
        long viewer = signIn("widths-viewer@example.com", "viewer");
        access.addMember(shop.id(), viewer);
        long widget = dashboards.page(access.current(), board.id()).widgets().get(0).id();
        assertThatThrownBy(() -> dashboards.resize(access.current(), board.id(), widget, 1))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void editorsDragAWidgetOntoAnotherToPutItInItsPlace() {
        TestProject shop = newProject("Dashboard drag");
        long owner = signIn("drag-owner@example.com", "analyst");
        access.addMember(shop.id(), owner);
        Dashboard board = dashboards.create(access.current(), shop.id(), "Rearranged");
        for (int i = 0; i < 3; i++) {
            dashboards.addLive(access.current(), board.id());
        }
        List<Long> before =
                dashboards.page(access.current(), board.id()).widgets().stream()
                        .map(Widget::id)
                        .toList();
        DashboardView view = new DashboardView(dashboards, insights, queries, hub, access, config);
        UI.getCurrent().add(view);
        view.open(board.id());

        // the third card dropped on the first, as Vaadin's drag and drop reports it
        List<WidgetCard> cards = _find(WidgetCard.class);
        UI.getCurrent().getInternals().setActiveDragSourceComponent(cards.get(2));
        ComponentUtil.fireEvent(cards.get(0), new DropEvent<>(cards.get(0), true, "move"));
        assertThat(dashboards.page(access.current(), board.id()).widgets())
                .extracting(Widget::id)
                .containsExactly(before.get(2), before.get(0), before.get(1));
        // the page is drawn again in the new order
        assertThat(_find(WidgetCard.class))
                .extracting(c -> c.widget().id())
                .containsExactly(before.get(2), before.get(0), before.get(1));

        // and forward: the first onto the last
        dashboards.placeAt(access.current(), board.id(), before.get(2), before.get(1));
        assertThat(dashboards.page(access.current(), board.id()).widgets())
                .extracting(Widget::id)
                .containsExactly(before.get(0), before.get(1), before.get(2));

        dashboards.share(access.current(), board.id(), Dashboard.Sharing.PROJECT);
        signIn("drag-viewer@example.com", "viewer");
        access.addMember(shop.id(), access.current().userId());
        assertThatThrownBy(
                        () ->
                                dashboards.placeAt(
                                        access.current(), board.id(), before.get(0), before.get(1)))
                .isInstanceOf(AccessDeniedException.class);
    }
}
