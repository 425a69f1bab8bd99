package io.streamlytics.collector.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * The country of a client IP (ISO 3166-1 alpha-2), from an MMDB database with a {@code
 * country_code} field (see {@code GeoIpDatabase}); empty when unknown. Looked up before the IP is
 * anonymised, so a project that drops IPs still gets countries.
 */
public final class Countries implements AutoCloseable {
    /** No database: every country is unknown. */
    public static final Countries NONE = new Countries(null);

    private final Reader reader;

    private Countries(Reader reader) {
        this.reader = reader;
    }

    public static Countries open(Path database) {
        try {
            return new Countries(new Reader(database.toFile(), new CHMCache()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GeoIP database " + database, e);
        }
    }

    public String of(String ip) {
        if (reader == null || !isAddressLiteral(ip)) {
            return "";
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = reader.get(InetAddress.getByName(ip), Map.class);
            Object code = record == null ? null : record.get("country_code");
            return code instanceof String country ? country : "";
        } catch (IOException e) {
            return ""; // not an address after all
        }
    }

    /**
     * An IPv4 literal (digits and dots) or an IPv6 one (hex digits, colons, dots): InetAddress must
     * never turn the text into a DNS lookup.
     */
    static boolean isAddressLiteral(String ip) {
        if (ip == null || ip.isEmpty() || ip.length() > 45) {
            return false;
        }
        boolean v6 = ip.indexOf(':') >= 0;
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            boolean digitOrDot = (c >= '0' && c <= '9') || c == '.';
            boolean hexOrColon = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
            if (!digitOrDot && !(v6 && hexOrColon)) {
                return false;
            }
        }
        return v6 || ip.indexOf('.') >= 0;
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only memory map; nothing to lose
            }
        }
    }
}
