package io.streamlytics.collector.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
    private static final String JSON = "{\"event\":\"é\"}";

    private static String decode(byte[] body, String encoding, String type, String compression) {
        return BodyDecoder.decode(
                body, new BodyDecoder.Encoding(encoding, type, compression), 1 << 20);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d =
                new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void plainJsonAndTextPlainPassThrough() {
        assertThat(decode(utf8(JSON), null, "application/json", null)).isEqualTo(JSON);
        assertThat(decode(utf8(JSON), null, "text/plain", null)).isEqualTo(JSON);
    }

    @Test
    void gzipByHeaderByQueryAndByMagicBytes() throws Exception {
        byte[] zipped = gzip(utf8(JSON));
        assertThat(decode(zipped, "gzip", null, null)).isEqualTo(JSON);
        assertThat(decode(zipped, null, null, "gzip-js")).isEqualTo(JSON);
        assertThat(decode(zipped, null, "text/plain", null)).isEqualTo(JSON);
    }

    @Test
    void deflateWithAndWithoutTheZlibHeader() throws Exception {
        assertThat(decode(deflate(utf8(JSON), false), "deflate", null, null)).isEqualTo(JSON);
        assertThat(decode(deflate(utf8(JSON), true), "deflate", null, null)).isEqualTo(JSON);
    }

    @Test
    void formDataAsJsonAsBase64AndAsUrlSafeBase64() {
        String base64 = Base64.getEncoder().encodeToString(utf8(JSON));
        String urlSafe = Base64.getUrlEncoder().encodeToString(utf8(JSON));
        String form = "application/x-www-form-urlencoded";

        assertThat(
                        decode(
                                utf8("data=" + URLEncoder.encode(JSON, StandardCharsets.UTF_8)),
                                null,
                                form,
                                null))
                .isEqualTo(JSON);
        assertThat(
                        decode(
                                utf8(
                                        "data="
                                                + URLEncoder.encode(base64, StandardCharsets.UTF_8)
                                                + "&ver=1"),
                                null,
                                form,
                                null))
                .isEqualTo(JSON);
        assertThat(decode(utf8("data=" + urlSafe), null, null, null)).isEqualTo(JSON);
    }

    @Test
    void refusesWhatItCannotReadWithAReason() throws Exception {
        assertThatThrownBy(() -> decode(utf8("nope"), "gzip", null, null))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageStartingWith("body is not valid gzip");
        assertThatThrownBy(() -> decode(new byte[] {(byte) 0xff, (byte) 0xfe}, null, null, null))
                .hasMessage("body is not valid UTF-8 text");
        assertThatThrownBy(
                        () ->
                                BodyDecoder.decode(
                                        gzip(new byte[5000]),
                                        new BodyDecoder.Encoding("gzip", null, null),
                                        1000))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.status()).isEqualTo(413));
        assertThatThrownBy(
                        () ->
                                decode(
                                        utf8("data=%%%"),
                                        null,
                                        "application/x-www-form-urlencoded",
                                        null))
                .hasMessage("form field 'data' is not properly URL-encoded");
    }
}
