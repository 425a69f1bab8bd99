package io.streamlytics.console.segments.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.domain.SegmentSize;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Segments as the console's people use them: anyone who may open the project sees them, their sizes
 * over time and members; analysts and admins make, refresh and delete them; every change in the
 * audit log.
 */
@Service
public class SegmentDesk {
    private final SegmentService segments;
    private final ProjectAccess access;
    private final AuditLog audit;

    public SegmentDesk(SegmentService segments, ProjectAccess access, AuditLog audit) {
        this.segments = segments;
        this.access = access;
        this.audit = audit;
    }

    public List<Segment> list(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return segments.all(projectId);
    }

    /** A dynamic segment, worked out at once; the definition is checked first. */
    public Segment create(
            Actor actor, long projectId, String name, String definition, int refreshMinutes) {
        access.requireEdit(actor, projectId);
        String trimmed = named(name);
        Segment segment = segments.createDynamic(projectId, trimmed, definition, refreshMinutes);
        audit.record(actor, projectId, "create segment", trimmed + ": " + definition);
        return segment;
    }

    /** A dynamic segment changed in place and worked out again at once. */
    public Segment update(
            Actor actor,
            long projectId,
            long id,
            String name,
            String definition,
            int refreshMinutes) {
        access.requireEdit(actor, projectId);
        String trimmed = named(name);
        Segment segment =
                segments.updateDynamic(projectId, id, trimmed, definition, refreshMinutes);
        audit.record(actor, projectId, "update segment", id + " " + trimmed + ": " + definition);
        return segment;
    }

    private static String named(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IllegalArgumentException("Give the segment a name of 1 to 200 characters.");
        }
        return trimmed;
    }

    public List<SegmentSize> sizes(Actor actor, long projectId, long id) {
        access.requireRead(actor, projectId);
        return segments.history(projectId, id);
    }

    public List<String> members(Actor actor, long projectId, long id, int offset, int limit) {
        access.requireRead(actor, projectId);
        audit.record(actor, projectId, "view segment members", Long.toString(id));
        return segments.members(projectId, id, offset, limit);
    }

    public Segment refresh(Actor actor, long projectId, long id) {
        access.requireEdit(actor, projectId);
        audit.record(actor, projectId, "refresh segment", Long.toString(id));
        return segments.refresh(projectId, id);
    }

    public void delete(Actor actor, long projectId, long id) {
        access.requireEdit(actor, projectId);
        segments.delete(projectId, id);
        audit.record(actor, projectId, "delete segment", Long.toString(id));
    }
}
