package io.streamlytics.query;

/** What an analysis returns: a trends chart, a funnel, a retention table or paths. */
public interface QueryResult {}
