package io.streamlytics.collector.enrich;

import io.streamlytics.core.event.EventContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Fills campaign fields from the page URL's {@code utm_*} parameters when the SDK did not, and the
 * referrer's domain (without {@code www.}); a referrer on the page's own domain is not one.
 */
final class Campaigns {
    private Campaigns() {}

    static void fill(EventContext c) {
        URI page = uri(c.pageUrl);
        if (page != null && page.getRawQuery() != null) {
            for (String pair : page.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String value = decode(pair.substring(eq + 1));
                switch (pair.substring(0, eq)) {
                    case "utm_source" -> c.utmSource = c.utmSource.isEmpty() ? value : c.utmSource;
                    case "utm_medium" -> c.utmMedium = c.utmMedium.isEmpty() ? value : c.utmMedium;
                    case "utm_campaign" ->
                            c.utmCampaign = c.utmCampaign.isEmpty() ? value : c.utmCampaign;
                    case "utm_term" -> c.utmTerm = c.utmTerm.isEmpty() ? value : c.utmTerm;
                    case "utm_content" ->
                            c.utmContent = c.utmContent.isEmpty() ? value : c.utmContent;
                    default -> {}
                }
            }
        }
        if (c.pagePath.isEmpty() && page != null && page.getRawPath() != null) {
            c.pagePath = page.getRawPath();
        }
        URI referrer = uri(c.pageReferrer);
        if (referrer != null && referrer.getHost() != null) {
            String domain = withoutWww(referrer.getHost());
            boolean internal =
                    page != null
                            && page.getHost() != null
                            && withoutWww(page.getHost()).equals(domain);
            c.referrerDomain = internal ? "" : domain;
        }
    }

    private static URI uri(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String withoutWww(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("www.") ? lower.substring(4) : lower;
    }
}
