package io.streamlytics.query.segments;

import io.streamlytics.query.model.EventSelector;
import io.streamlytics.query.model.Filter;
import java.time.Duration;
import java.util.List;

/**
 * Who belongs to a dynamic segment, decided per person over their events: behaviour ("did X at
 * least n times in the last d days"), properties as of their newest event, and groups of those.
 */
public sealed interface SegmentCondition {

    /**
     * Did {@code events} at least {@code atLeast} (and at most {@code atMost}, when set) times
     * within {@code inLast}.
     */
    record Did(EventSelector events, long atLeast, Long atMost, Duration inLast)
            implements SegmentCondition {}

    /** Was active (any event) on at least {@code atLeast} distinct days within {@code inLast}. */
    record ActiveDays(long atLeast, Duration inLast) implements SegmentCondition {}

    /** Was first seen (their first event ever) within {@code within}. */
    record FirstSeen(Duration within) implements SegmentCondition {}

    /** The filter holds for the person's newest event (person properties as of then). */
    record Property(Filter filter) implements SegmentCondition {}

    record All(List<SegmentCondition> conditions) implements SegmentCondition {}

    record Any(List<SegmentCondition> conditions) implements SegmentCondition {}

    record Not(SegmentCondition condition) implements SegmentCondition {}
}
