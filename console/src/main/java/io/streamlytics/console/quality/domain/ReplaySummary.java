package io.streamlytics.console.quality.domain;

/** What one replay of the dead letters did, as the collector reports it. */
public record ReplaySummary(int letters, int eventsReplayed, int stillRejected, int notReplayable) {
    /** One sentence for the page. */
    public String sentence() {
        if (letters == 0) {
            return "Nothing waited for a replay.";
        }
        return letters
                + " letter(s) read: "
                + eventsReplayed
                + " event(s) replayed into the pipeline, "
                + stillRejected
                + " still refused (back in the list with their new reasons), "
                + notReplayable
                + " not replayable (their payload was not kept whole).";
    }
}
