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
     * The addresses of a list separated by commas or semicolons ("Name <a@b.c>" too; none for empty
     * text); a wrong one is an {@link IllegalArgumentException} that says why.
     */
    public static List<String> emails(String text, String field) {
        List<String> emails = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return emails;
        }
        try {
            for (InternetAddress address : InternetAddress.parse(text.replace(';', ','), true)) {
                address.validate();
                emails.add(address.getAddress());
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    field
                            + "\""
                            + text.strip()
                            + "\" is not a list of email addresses ("
                            + e.getMessage()
                            + ").");
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
                field + "an http:// or https:// address, not " + text.strip());
    }
}
