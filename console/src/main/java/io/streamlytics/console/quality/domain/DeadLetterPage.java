package io.streamlytics.console.quality.domain;

import java.util.List;

/**
 * The newest dead letters, and how many the next {@code bin/analytics replay-dlq} would read (the
 * letters after the replay's committed offsets; all of them before a first replay).
 */
public record DeadLetterPage(List<DeadLetter> letters, long waitingForReplay) {}
