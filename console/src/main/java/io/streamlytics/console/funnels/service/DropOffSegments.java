package io.streamlytics.console.funnels.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.service.SegmentService;
import org.springframework.stereotype.Service;

/** A funnel's drop-off (or its converted people) saved as a static segment. */
@Service
public class DropOffSegments {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final SegmentService segments;

    public DropOffSegments(ProjectAccess access, AuditLog audit, SegmentService segments) {
        this.access = access;
        this.audit = audit;
        this.segments = segments;
    }

    /** {@code peopleQuery}: a funnel query with "people" (FunnelForm#peopleQuery). */
    public Segment save(Actor actor, long projectId, String name, String peopleQuery) {
        access.requireEdit(actor, projectId);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IllegalArgumentException("Give the segment a name of 1 to 200 characters.");
        }
        Segment segment = segments.createFromFunnel(projectId, trimmed, peopleQuery);
        audit.record(actor, projectId, "save funnel segment", trimmed + ": " + peopleQuery);
        return segment;
    }
}
