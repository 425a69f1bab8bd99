package io.streamlytics.console.exports.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of events ends: events are read in order of (timestamp, insert_id), so the next page
 * starts after this pair whatever is written meanwhile. Opaque to clients (base64url).
 */
public record EventCursor(long timestamp, String insertId) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((timestamp + ":" + insertId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page gave, or an {@link IllegalArgumentException} for anything else. */
    public static EventCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new EventCursor(
                    Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cursor: pass the next_cursor of the previous page as it was");
        }
    }
}
