package io.streamlytics.console.dashboards.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Role;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.dashboards.domain.Dashboard;
import io.streamlytics.console.dashboards.domain.DashboardPage;
import io.streamlytics.console.dashboards.domain.Widget;
import io.streamlytics.core.text.Sha256;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dashboards and who may do what with them. Seeing one needs the project and one of: owning it,
 * being added to it, its sharing with the project (or publicly), or being an admin. Changing its
 * widgets needs a role that edits (not viewer) and owning it, being added as an editor, or being an
 * admin; sharing, members and deleting are the owner's (and admins'). A public link's token is
 * stored as its SHA-256 and shown once.
 */
@Service
public class DashboardService {
    /** Who the audit log names for a public link. */
    public static final Actor PUBLIC = new Actor(0, "public link", Role.VIEWER);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NO_SUCH =
            "There is no such dashboard, or it is not shared with you: ask its owner.";
    private static final String COLUMNS =
            "d.id, d.project_id, d.name, d.owner_id, d.sharing, d.refresh_seconds";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ProjectAccess access;
    private final AuditLog audit;

    public DashboardService(
            JdbcTemplate jdbc, TransactionTemplate tx, ProjectAccess access, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
        this.audit = audit;
    }

    /** The project's dashboards {@code actor} may see, by name. */
    public List<Dashboard> list(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return jdbc.query(
                "SELECT "
                        + COLUMNS
                        + " FROM dashboards d WHERE d.project_id = ? AND (? OR d.owner_id = ?"
                        + " OR d.sharing <> 'private' OR EXISTS (SELECT 1 FROM dashboard_members m"
                        + " WHERE m.dashboard_id = d.id AND m.user_id = ?)) ORDER BY d.name",
                DashboardService::dashboard,
                projectId,
                actor.role() == Role.ADMIN,
                actor.userId(),
                actor.userId());
    }

    public Dashboard create(Actor actor, long projectId, String name) {
        access.requireEdit(actor, projectId);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IllegalArgumentException("Give the dashboard a name of 1 to 200 characters.");
        }
        try {
            Long id =
                    jdbc.queryForObject(
                            "INSERT INTO dashboards (project_id, name, owner_id) VALUES (?, ?, ?)"
                                    + " RETURNING id",
                            Long.class,
                            projectId,
                            trimmed,
                            actor.userId());
            audit.record(actor, projectId, "create dashboard", trimmed);
            return find(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("A dashboard named " + trimmed + " exists already.");
        }
    }

    /** The dashboard with its widgets, if {@code actor} may see it. */
    public DashboardPage page(Actor actor, long dashboardId) {
        Dashboard d = visible(actor, dashboardId);
        audit.record(actor, d.projectId(), "view dashboard", d.name());
        return new DashboardPage(d, widgets(dashboardId), mayEdit(actor, d));
    }

    /** The dashboard a public link opens, read-only; empty for a token that opens none. */
    public Optional<DashboardPage> publicPage(String token) {
        if (token == null || token.length() < 20) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT "
                                + COLUMNS
                                + " FROM dashboards d WHERE d.sharing = 'public'"
                                + " AND d.public_token_hash = ?",
                        DashboardService::dashboard,
                        Sha256.hex(token))
                .stream()
                .findFirst()
                .map(
                        d -> {
                            audit.record(PUBLIC, d.projectId(), "view public dashboard", d.name());
                            return new DashboardPage(d, widgets(d.id()), false);
                        });
    }

    public void addInsight(Actor actor, long dashboardId, long insightId) {
        Dashboard d = editable(actor, dashboardId);
        Integer sameProject =
                jdbc.queryForObject(
                        "SELECT count(*) FROM insights WHERE id = ? AND project_id = ?",
                        Integer.class,
                        insightId,
                        d.projectId());
        if (sameProject == null || sameProject == 0) {
            throw new IllegalArgumentException("That insight is not one of this project's.");
        }
        add(d, "insight", insightId);
        audit.record(actor, d.projectId(), "add widget", d.name() + ": insight " + insightId);
    }

    public void addLive(Actor actor, long dashboardId) {
        Dashboard d = editable(actor, dashboardId);
        add(d, "live", null);
        audit.record(actor, d.projectId(), "add widget", d.name() + ": live counter");
    }

    public void removeWidget(Actor actor, long dashboardId, long widgetId) {
        Dashboard d = editable(actor, dashboardId);
        jdbc.update(
                "DELETE FROM dashboard_widgets WHERE id = ? AND dashboard_id = ?",
                widgetId,
                d.id());
        audit.record(actor, d.projectId(), "remove widget", d.name() + ": " + widgetId);
    }

    /** Moves a widget one place earlier ({@code -1}) or later ({@code 1}). */
    /** One column of the dashboard's grid, or two. */
    public void resize(Actor actor, long dashboardId, long widgetId, int width) {
        Dashboard d = editable(actor, dashboardId);
        if (width != 1 && width != 2) {
            throw new IllegalArgumentException("A widget is one or two columns wide.");
        }
        jdbc.update(
                "UPDATE dashboard_widgets SET width = ? WHERE id = ? AND dashboard_id = ?",
                width,
                widgetId,
                d.id());
        audit.record(actor, d.projectId(), "resize widget", d.name() + ": " + widgetId);
    }

    /** How often the dashboard's insights are worked out again while it is open. */
    public void setRefresh(Actor actor, long dashboardId, int seconds) {
        Dashboard d = editable(actor, dashboardId);
        if (seconds < 10 || seconds > 86_400) {
            throw new IllegalArgumentException("Refresh every 10 seconds to once a day.");
        }
        jdbc.update("UPDATE dashboards SET refresh_seconds = ? WHERE id = ?", seconds, d.id());
        audit.record(actor, d.projectId(), "dashboard refresh", d.name() + ": " + seconds + " s");
    }

    public void move(Actor actor, long dashboardId, long widgetId, int by) {
        Dashboard d = editable(actor, dashboardId);
        tx.executeWithoutResult(
                status -> {
                    List<Widget> widgets = widgets(d.id());
                    int at = -1;
                    for (int i = 0; i < widgets.size(); i++) {
                        if (widgets.get(i).id() == widgetId) {
                            at = i;
                        }
                    }
                    int to = at + Integer.signum(by);
                    if (at < 0 || to < 0 || to >= widgets.size()) {
                        return;
                    }
                    setPosition(widgets.get(at).id(), widgets.get(to).position());
                    setPosition(widgets.get(to).id(), widgets.get(at).position());
                });
    }

    /**
     * Puts a widget in another's place (a widget dragged onto another): the widgets between move
     * along by one.
     */
    public void placeAt(Actor actor, long dashboardId, long widgetId, long targetWidgetId) {
        Dashboard d = editable(actor, dashboardId);
        if (widgetId == targetWidgetId) {
            return;
        }
        tx.executeWithoutResult(
                status -> {
                    List<Widget> widgets = new ArrayList<>(widgets(d.id()));
                    int from = indexOf(widgets, widgetId);
                    int to = indexOf(widgets, targetWidgetId);
                    if (from < 0 || to < 0) {
                        throw new IllegalArgumentException(
                                "That widget is no longer on this dashboard: reload the page.");
                    }
                    widgets.add(to, widgets.remove(from));
                    for (int i = 0; i < widgets.size(); i++) {
                        setPosition(widgets.get(i).id(), i);
                    }
                });
        audit.record(
                actor,
                d.projectId(),
                "move widget",
                d.name() + ": " + widgetId + " to " + targetWidgetId);
    }

    private static int indexOf(List<Widget> widgets, long id) {
        for (int i = 0; i < widgets.size(); i++) {
            if (widgets.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Shares the dashboard; turning it public makes a new link and returns its token, shown this
     * once (any link before stops working).
     */
    public Optional<String> share(Actor actor, long dashboardId, Dashboard.Sharing sharing) {
        Dashboard d = owned(actor, dashboardId);
        String token = null;
        if (sharing == Dashboard.Sharing.PUBLIC) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            token = "pd_" + HexFormat.of().formatHex(bytes);
        }
        jdbc.update(
                "UPDATE dashboards SET sharing = ?, public_token_hash = ? WHERE id = ?",
                sharing.name().toLowerCase(Locale.ROOT),
                token == null ? null : Sha256.hex(token),
                d.id());
        audit.record(actor, d.projectId(), "share dashboard", d.name() + ": " + sharing);
        return Optional.ofNullable(token);
    }

    /** Adds (or changes) a person the owner shares a dashboard with: viewer or editor. */
    public void setMember(Actor actor, long dashboardId, long userId, boolean editor) {
        Dashboard d = owned(actor, dashboardId);
        jdbc.update(
                "INSERT INTO dashboard_members (dashboard_id, user_id, role) VALUES (?, ?, ?)"
                        + " ON CONFLICT (dashboard_id, user_id) DO UPDATE SET role = EXCLUDED.role",
                d.id(),
                userId,
                editor ? "editor" : "viewer");
        audit.record(
                actor,
                d.projectId(),
                "share dashboard",
                d.name() + ": user " + userId + (editor ? " edits" : " views"));
    }

    /** A person the dashboard is shared with, and whether they view or edit it. */
    public record Member(long userId, String email, String role) {}

    /** The people the owner shared the dashboard with; the owner's (and admins') to see. */
    public List<Member> members(Actor actor, long dashboardId) {
        Dashboard d = owned(actor, dashboardId);
        return jdbc.query(
                "SELECT u.id, u.email, m.role FROM dashboard_members m"
                        + " JOIN console_users u ON u.id = m.user_id WHERE m.dashboard_id = ?"
                        + " ORDER BY u.email",
                (row, i) ->
                        new Member(
                                row.getLong("id"), row.getString("email"), row.getString("role")),
                d.id());
    }

    /** Shares the dashboard with the console user {@code email} (who must be able to sign in). */
    public void setMember(Actor actor, long dashboardId, String email, boolean editor) {
        List<Long> ids =
                jdbc.queryForList(
                        "SELECT id FROM console_users WHERE email = ? AND disabled_at IS NULL",
                        Long.class,
                        email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "No console user " + email + ": an admin adds people in Admin · Users.");
        }
        setMember(actor, dashboardId, ids.get(0), editor);
    }

    public void removeMember(Actor actor, long dashboardId, long userId) {
        Dashboard d = owned(actor, dashboardId);
        if (jdbc.update(
                        "DELETE FROM dashboard_members WHERE dashboard_id = ? AND user_id = ?",
                        d.id(),
                        userId)
                > 0) {
            audit.record(
                    actor,
                    d.projectId(),
                    "share dashboard",
                    d.name() + ": user " + userId + " removed");
        }
    }

    /** Whether {@code actor} shares and deletes the dashboard: its owner, or an admin. */
    public boolean owns(Actor actor, Dashboard dashboard) {
        return actor.role() == Role.ADMIN || dashboard.ownerId() == actor.userId();
    }

    public void delete(Actor actor, long dashboardId) {
        Dashboard d = owned(actor, dashboardId);
        jdbc.update("DELETE FROM dashboards WHERE id = ?", d.id());
        audit.record(actor, d.projectId(), "delete dashboard", d.name());
    }

    private Dashboard visible(Actor actor, long dashboardId) {
        Dashboard d = find(dashboardId).orElseThrow(() -> new AccessDeniedException(NO_SUCH));
        access.requireRead(actor, d.projectId());
        if (actor.role() == Role.ADMIN
                || d.ownerId() == actor.userId()
                || d.sharing() != Dashboard.Sharing.PRIVATE
                || memberRole(d, actor).isPresent()) {
            return d;
        }
        throw new AccessDeniedException(NO_SUCH);
    }

    private Dashboard editable(Actor actor, long dashboardId) {
        Dashboard d = visible(actor, dashboardId);
        if (!mayEdit(actor, d)) {
            throw new AccessDeniedException(
                    "You may look at this dashboard but not change it: ask its owner to add you as"
                            + " an editor.");
        }
        return d;
    }

    private Dashboard owned(Actor actor, long dashboardId) {
        Dashboard d = visible(actor, dashboardId);
        if (!owns(actor, d)) {
            throw new AccessDeniedException("Only the dashboard's owner shares or deletes it.");
        }
        return d;
    }

    private boolean mayEdit(Actor actor, Dashboard d) {
        if (!actor.role().canEdit()) {
            return false;
        }
        return actor.role() == Role.ADMIN
                || d.ownerId() == actor.userId()
                || memberRole(d, actor).filter("editor"::equals).isPresent();
    }

    private Optional<String> memberRole(Dashboard d, Actor actor) {
        return jdbc
                .queryForList(
                        "SELECT role FROM dashboard_members WHERE dashboard_id = ? AND user_id = ?",
                        String.class,
                        d.id(),
                        actor.userId())
                .stream()
                .findFirst();
    }

    private Optional<Dashboard> find(long id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM dashboards d WHERE d.id = ?",
                        DashboardService::dashboard,
                        id)
                .stream()
                .findFirst();
    }

    private List<Widget> widgets(long dashboardId) {
        return jdbc.query(
                "SELECT w.id, w.position, w.insight_id, w.width, i.name, i.kind,"
                        + " i.query::text AS query, i.chart FROM dashboard_widgets w LEFT JOIN insights i"
                        + " ON i.id = w.insight_id WHERE w.dashboard_id = ? ORDER BY w.position, w.id",
                (row, i) ->
                        new Widget(
                                row.getLong("id"),
                                row.getInt("position"),
                                row.getObject("insight_id") == null
                                        ? null
                                        : row.getLong("insight_id"),
                                row.getString("name") == null ? "Live now" : row.getString("name"),
                                row.getString("kind"),
                                row.getString("query"),
                                row.getString("chart"),
                                row.getInt("width")),
                dashboardId);
    }

    private void add(Dashboard d, String kind, Long insightId) {
        jdbc.update(
                "INSERT INTO dashboard_widgets (dashboard_id, kind, insight_id, position)"
                        + " SELECT ?, ?, ?, coalesce(max(position), 0) + 1 FROM dashboard_widgets"
                        + " WHERE dashboard_id = ?",
                d.id(),
                kind,
                insightId,
                d.id());
    }

    private void setPosition(long widgetId, int position) {
        jdbc.update("UPDATE dashboard_widgets SET position = ? WHERE id = ?", position, widgetId);
    }

    private static Dashboard dashboard(ResultSet row, int i) throws SQLException {
        return new Dashboard(
                row.getLong("id"),
                row.getLong("project_id"),
                row.getString("name"),
                row.getLong("owner_id"),
                Dashboard.Sharing.valueOf(row.getString("sharing").toUpperCase(Locale.ROOT)),
                row.getInt("refresh_seconds"));
    }
}
