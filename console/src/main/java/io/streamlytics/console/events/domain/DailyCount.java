package io.streamlytics.console.events.domain;

import java.time.LocalDate;

/** Events and unique users of one project on one day (UTC). */
public record DailyCount(LocalDate day, long events, long users) {}
