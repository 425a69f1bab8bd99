package io.streamlytics.collector.body;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Turns a request body, as SDKs send it, into JSON text: gzip and deflate (by header, by the {@code
 * compression} query parameter of posthog-js, or by the gzip magic bytes that {@code sendBeacon}
 * bodies carry without a header), form-encoded {@code data=} payloads (plain or base64, as browser
 * SDKs send them) and {@code text/plain}. Decompressed size is capped, so a small compressed body
 * cannot expand without bound.
 */
public final class BodyDecoder {
    private BodyDecoder() {}

    /** What the request says about its body. */
    public record Encoding(String contentEncoding, String contentType, String compressionParam) {
        public static Encoding none() {
            return new Encoding(null, null, null);
        }
    }

    public static String decode(byte[] raw, Encoding encoding, int maxBytes) {
        byte[] bytes = decompress(raw, encoding, maxBytes);
        String text = utf8(bytes);
        if (isForm(encoding, text)) {
            text = formData(text, maxBytes);
        }
        return text;
    }

    private static byte[] decompress(byte[] raw, Encoding encoding, int maxBytes) {
        String contentEncoding = lower(encoding.contentEncoding());
        String compression = lower(encoding.compressionParam());
        boolean gzipMagic = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (contentEncoding.contains("gzip") || compression.startsWith("gzip") || gzipMagic) {
            try {
                return readCapped(new GZIPInputStream(new ByteArrayInputStream(raw)), maxBytes);
            } catch (ZipException e) {
                throw new Rejection(400, "body is not valid gzip: " + e.getMessage());
            } catch (IOException e) {
                throw new Rejection(400, "body is not valid gzip: it ends too early");
            }
        }
        if (contentEncoding.contains("deflate")) {
            try {
                return readCapped(new InflaterInputStream(new ByteArrayInputStream(raw)), maxBytes);
            } catch (IOException zlibFailed) {
                try { // some clients send raw deflate without the zlib header
                    return readCapped(
                            new InflaterInputStream(
                                    new ByteArrayInputStream(raw), new Inflater(true)),
                            maxBytes);
                } catch (IOException e) {
                    throw new Rejection(400, "body is not valid deflate data");
                }
            }
        }
        if (!contentEncoding.isEmpty() && !contentEncoding.equals("identity")) {
            throw new Rejection(
                    415,
                    "unsupported Content-Encoding '"
                            + encoding.contentEncoding()
                            + "': send gzip, deflate or an uncompressed body");
        }
        return raw;
    }

    private static byte[] readCapped(InputStream in, int maxBytes) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new Rejection(
                            413,
                            "body is larger than "
                                    + maxBytes
                                    + " bytes once decompressed; send smaller batches");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer chars =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(400, "body is not valid UTF-8 text");
        }
    }

    private static boolean isForm(Encoding encoding, String text) {
        return lower(encoding.contentType()).startsWith("application/x-www-form-urlencoded")
                || text.startsWith("data=");
    }

    /** The {@code data} field of a form body: JSON, URL-encoded JSON or base64 JSON. */
    private static String formData(String form, int maxBytes) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("data")) {
                String value;
                try {
                    value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Rejection(400, "form field 'data' is not properly URL-encoded");
                }
                String trimmed = value.strip();
                if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                    return trimmed;
                }
                try {
                    byte[] decoded =
                            Base64.getMimeDecoder()
                                    .decode(trimmed.replace('-', '+').replace('_', '/'));
                    if (decoded.length > maxBytes) {
                        throw new Rejection(
                                413, "form field 'data' is larger than " + maxBytes + " bytes");
                    }
                    return utf8(decoded);
                } catch (IllegalArgumentException e) {
                    throw new Rejection(
                            400, "form field 'data' is neither JSON nor base64-encoded JSON");
                }
            }
        }
        throw new Rejection(
                400,
                "form body has no 'data' field; send the events as data=<JSON or base64 JSON>");
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
