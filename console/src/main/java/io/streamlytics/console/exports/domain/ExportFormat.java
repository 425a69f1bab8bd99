package io.streamlytics.console.exports.domain;

import java.util.Arrays;
import java.util.Locale;

/** The file an export writes. */
public enum ExportFormat {
    CSV("csv", "text/csv"),
    NDJSON("ndjson", "application/x-ndjson"),
    PARQUET("parquet", "application/vnd.apache.parquet");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String key() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * Whether a file of this format can be continued after its last complete page (a file of
     * lines); a Parquet file is whole only once its footer is written.
     */
    public boolean appendable() {
        return this != PARQUET;
    }

    public static ExportFormat of(String key) {
        String wanted = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.extension.equals(wanted))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "format: choose csv, ndjson or parquet, not \""
                                                + key
                                                + "\""));
    }
}
