package io.streamlytics.collector.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Applies a project's IP policy before an address is stored: {@code keep}, {@code truncate} (the
 * last octet of IPv4 / the last 80 bits of IPv6 zeroed, as Google Analytics does) or {@code drop}.
 */
final class IpAnonymizer {
    private IpAnonymizer() {}

    static String apply(String mode, String ip) {
        if (ip == null || ip.isEmpty() || "drop".equals(mode)) {
            return "";
        }
        if ("keep".equals(mode)) {
            return ip;
        }
        if (!ip.matches("[0-9a-fA-F:.]+")) {
            return ""; // not an address: never resolve names here
        }
        try {
            byte[] bytes = InetAddress.getByName(ip).getAddress();
            int keep = bytes.length == 4 ? 3 : 6;
            for (int i = keep; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
