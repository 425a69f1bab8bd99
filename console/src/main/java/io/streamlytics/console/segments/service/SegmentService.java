package io.streamlytics.console.segments.service;

import io.streamlytics.console.insights.service.ProjectTimezones;
import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.domain.SegmentSize;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryEngine;
import io.streamlytics.query.funnels.FunnelResult;
import io.streamlytics.query.model.FunnelQuery;
import io.streamlytics.query.model.Query;
import io.streamlytics.query.segments.SegmentReader;
import io.streamlytics.query.segments.SegmentStore;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Segments of a project: definitions in PostgreSQL ({@link SegmentCatalog}), members in ClickHouse
 * ({@link SegmentStore}). A dynamic segment is worked out when it is created and then every {@code
 * refreshMinutes}; a static one changes only by upload.
 */
@Service
public class SegmentService {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentService.class);
    static final int FUNNEL_PAGE = 10_000;

    private final SegmentCatalog catalog;
    private final SegmentStore store;
    private final QueryEngine engine;
    private final ProjectTimezones timezones;
    private final Clock clock;
    private final SegmentReader reader = SegmentReader.load();

    SegmentService(
            SegmentCatalog catalog,
            SegmentStore store,
            QueryEngine engine,
            ProjectTimezones timezones,
            Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.engine = engine;
        this.timezones = timezones;
        this.clock = clock;
    }

    public List<Segment> all(long projectId) {
        return catalog.all(projectId);
    }

    public Segment get(long projectId, long id) {
        return catalog.find(projectId, id)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "project " + projectId + " has no segment " + id));
    }

    /**
     * A dynamic segment, worked out at once; {@link InvalidQueryException} if the definition is
     * wrong.
     */
    public Segment createDynamic(
            long projectId, String name, String definition, int refreshMinutes) {
        reader.read(definition);
        Segment segment =
                catalog.create(projectId, name, Segment.DYNAMIC, definition, refreshMinutes);
        return refresh(projectId, segment.id());
    }

    /**
     * A dynamic segment changed in place: same id (so dashboards, reports and analyses that use it
     * follow), new name, definition and refresh, worked out again at once; its size history goes
     * on. {@link InvalidQueryException} if the definition is wrong.
     */
    public Segment updateDynamic(
            long projectId, long id, String name, String definition, int refreshMinutes) {
        reader.read(definition);
        if (!Segment.DYNAMIC.equals(get(projectId, id).kind())) {
            throw new IllegalArgumentException(
                    "segment " + id + " is static: upload its members instead");
        }
        catalog.update(projectId, id, name, definition, refreshMinutes);
        return refresh(projectId, id);
    }

    public Segment createStatic(long projectId, String name, Reader csv) {
        List<String> people = MemberCsv.read(csv);
        Segment segment = catalog.create(projectId, name, Segment.STATIC, null, 60);
        return replace(segment, people);
    }

    /**
     * A static segment of a funnel's people: who dropped out before a step or reached it (the
     * query's {@code people}).
     */
    public Segment createFromFunnel(long projectId, String name, String funnel) {
        Query query = engine.read(funnel);
        if (!(query instanceof FunnelQuery f) || f.people() == null) {
            throw new InvalidQueryException(
                    "from_funnel: a funnel query with \"people\": {\"step\": n, \"status\": …}");
        }
        List<String> people = new ArrayList<>();
        for (int offset = 0; ; offset += FUNNEL_PAGE) {
            FunnelQuery page =
                    new FunnelQuery(
                            f.range(),
                            f.filters(),
                            f.steps(),
                            f.order(),
                            f.window(),
                            f.exclusions(),
                            null,
                            FunnelQuery.View.PEOPLE,
                            f.granularity(),
                            new FunnelQuery.People(
                                    f.people().step(),
                                    f.people().converted(),
                                    FUNNEL_PAGE,
                                    offset));
            List<String> found =
                    ((FunnelResult) engine.run(projectId, timezones.of(projectId), page)).people();
            people.addAll(found);
            if (found.size() < FUNNEL_PAGE || people.size() >= MemberCsv.MAX_PEOPLE) {
                break;
            }
        }
        return replace(catalog.create(projectId, name, Segment.STATIC, null, 60), people);
    }

    public Segment refresh(long projectId, long id) {
        Segment segment = get(projectId, id);
        if (!Segment.DYNAMIC.equals(segment.kind())) {
            throw new IllegalArgumentException(
                    "segment " + id + " is static: upload its members instead");
        }
        SegmentStore.Version version =
                store.refresh(projectId, id, reader.read(segment.definition()));
        catalog.refreshed(id, version.refreshedAt(), version.size());
        return get(projectId, id);
    }

    public Segment replaceMembers(long projectId, long id, Reader csv) {
        Segment segment = get(projectId, id);
        if (!Segment.STATIC.equals(segment.kind())) {
            throw new IllegalArgumentException(
                    "segment " + id + " is dynamic: its members follow its definition");
        }
        return replace(segment, MemberCsv.read(csv));
    }

    public List<String> members(long projectId, long id, int offset, int limit) {
        get(projectId, id);
        return store.members(projectId, id, offset, limit);
    }

    public List<SegmentSize> history(long projectId, long id) {
        get(projectId, id);
        return store.history(projectId, id).stream()
                .map(v -> new SegmentSize(v.refreshedAt(), v.size()))
                .toList();
    }

    public void delete(long projectId, long id) {
        if (!catalog.delete(projectId, id)) {
            throw new IllegalArgumentException("project " + projectId + " has no segment " + id);
        }
        store.delete(projectId, id);
    }

    /** Refreshes every dynamic segment that is due; one failing does not stop the others. */
    public int refreshDue() {
        int refreshed = 0;
        for (Segment segment : catalog.due(clock.instant())) {
            try {
                refresh(segment.projectId(), segment.id());
                refreshed++;
            } catch (RuntimeException e) {
                LOG.warn("segment {} could not be refreshed: {}", segment.id(), e.getMessage());
            }
        }
        return refreshed;
    }

    private Segment replace(Segment segment, List<String> people) {
        SegmentStore.Version version = store.replace(segment.projectId(), segment.id(), people);
        catalog.refreshed(segment.id(), version.refreshedAt(), version.size());
        return get(segment.projectId(), segment.id());
    }
}
