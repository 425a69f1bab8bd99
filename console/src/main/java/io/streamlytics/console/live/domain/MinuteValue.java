package io.streamlytics.console.live.domain;

/**
 * One metric in one minute, as the live store has it.
 *
 * @param minute start of the minute (epoch ms, UTC)
 * @param uniques distinct users of the minute (HyperLogLog estimate)
 * @param revenue sum of the {@code revenue} property
 */
public record MinuteValue(long minute, long events, long uniques, double revenue) {}
