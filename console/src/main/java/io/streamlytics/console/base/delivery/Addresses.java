package io.streamlytics.console.base.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Email addresses and receiver URLs people type, checked before anything is sent to them. */
public final class Addresses {
    private Addresses() {}

    /**
     * The addresses of a list separated by commas, semicolons or spaces (none for empty text); a
     * wrong one is an {@link IllegalArgumentException} that names it.
     */
    public static List<String> emails(String text, String field) {
        List<String> emails = new ArrayList<>();
        if (text == null) {
            return emails;
        }
        for (String part : text.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                emails.add(new InternetAddress(part, true).getAddress());
            } catch (AddressException e) {
                throw new IllegalArgumentException(
                        field
                                + "\""
                                + part
                                + "\" is not an email address ("
                                + e.getMessage()
                                + ").");
            }
        }
        return emails;
    }

    /** An http(s) URL with a host, or "" for empty text. */
    public static String httpUrl(String text, String field) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            URI uri = URI.create(text.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new IllegalArgumentException(
                field + "give an http or https address, such as https://example.com/hooks.");
    }
}
