package io.streamlytics.console.exports.service;

import io.streamlytics.console.exports.domain.Column;
import io.streamlytics.console.exports.domain.ExportFormat;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an export's rows to its file as they come: rows are JSON objects keyed by the columns'
 * names, timestamps in epoch seconds.
 */
interface ExportWriter extends Closeable {
    JsonMapper JSON = JsonMapper.builder().build();

    void write(JsonNode row) throws IOException;

    /** Puts every row written so far into the file (a checkpoint's bytes are then all there). */
    void flush() throws IOException;

    static ExportWriter open(ExportFormat format, List<Column> columns, Path file)
            throws IOException {
        return switch (format) {
            case CSV -> new Csv(columns, file, false);
            case NDJSON -> new Ndjson(columns, file, false);
            case PARQUET -> new Parquet(columns, file);
        };
    }

    /**
     * Continues a file of lines (CSV without its header again, NDJSON) after what it holds; see
     * {@link ExportFormat#appendable()}.
     */
    static ExportWriter append(ExportFormat format, List<Column> columns, Path file)
            throws IOException {
        return switch (format) {
            case CSV -> new Csv(columns, file, true);
            case NDJSON -> new Ndjson(columns, file, true);
            case PARQUET ->
                    throw new IllegalArgumentException("a Parquet file cannot be continued");
        };
    }

    private static BufferedWriter writer(Path file, boolean append) throws IOException {
        return append
                ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** RFC 4180 with a header; timestamps as ISO-8601 UTC. */
    final class Csv implements ExportWriter {
        private final List<Column> columns;
        private final CSVPrinter printer;

        Csv(List<Column> columns, Path file, boolean append) throws IOException {
            this.columns = columns;
            this.printer =
                    new CSVPrinter(
                            ExportWriter.writer(file, append),
                            CSVFormat.RFC4180
                                    .builder()
                                    .setHeader(
                                            columns.stream()
                                                    .map(Column::name)
                                                    .toArray(String[]::new))
                                    .setSkipHeaderRecord(append)
                                    .get());
        }

        @Override
        public void flush() throws IOException {
            printer.flush();
        }

        @Override
        public void write(JsonNode row) throws IOException {
            List<String> cells = new ArrayList<>(columns.size());
            for (Column column : columns) {
                JsonNode value = row.path(column.name());
                cells.add(
                        column.type() == Column.Type.TIMESTAMP
                                ? Instant.ofEpochSecond(value.asLong()).toString()
                                : value.asString(""));
            }
            printer.printRecord(cells);
        }

        @Override
        public void close() throws IOException {
            printer.close();
        }
    }

    /** One JSON object a line; timestamps as ISO-8601 UTC, JSON columns as objects. */
    final class Ndjson implements ExportWriter {
        private final List<Column> columns;
        private final BufferedWriter out;

        Ndjson(List<Column> columns, Path file, boolean append) throws IOException {
            this.columns = columns;
            this.out = ExportWriter.writer(file, append);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void write(JsonNode row) throws IOException {
            ObjectNode line = JSON.createObjectNode();
            for (Column column : columns) {
                JsonNode value = row.path(column.name());
                switch (column.type()) {
                    case TIMESTAMP ->
                            line.put(
                                    column.name(),
                                    Instant.ofEpochSecond(value.asLong()).toString());
                    case LONG -> line.put(column.name(), value.asLong());
                    case JSON -> line.set(column.name(), json(value.asString("")));
                    default -> line.put(column.name(), value.asString(""));
                }
            }
            out.write(line.toString());
            out.write('\n');
        }

        private static JsonNode json(String text) {
            if (text.isBlank()) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(text);
            } catch (JacksonException e) {
                return JSON.getNodeFactory().stringNode(text);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Snappy-compressed Parquet: text as UTF-8 strings, JSON columns as JSON strings, timestamps as
     * INT64 milliseconds (UTC). Names are made Parquet-safe (letters, digits, underscores).
     */
    final class Parquet implements ExportWriter {
        private final List<Column> columns;
        private final List<String> names;
        private final SimpleGroupFactory groups;
        private final ParquetWriter<Group> writer;

        Parquet(List<Column> columns, Path file) throws IOException {
            this.columns = columns;
            this.names = safeNames(columns);
            Types.MessageTypeBuilder schema = Types.buildMessage();
            for (int i = 0; i < columns.size(); i++) {
                switch (columns.get(i).type()) {
                    case TIMESTAMP ->
                            schema.optional(PrimitiveTypeName.INT64)
                                    .as(
                                            LogicalTypeAnnotation.timestampType(
                                                    true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                                    .named(names.get(i));
                    case LONG -> schema.optional(PrimitiveTypeName.INT64).named(names.get(i));
                    case JSON ->
                            schema.optional(PrimitiveTypeName.BINARY)
                                    .as(LogicalTypeAnnotation.jsonType())
                                    .named(names.get(i));
                    default ->
                            schema.optional(PrimitiveTypeName.BINARY)
                                    .as(LogicalTypeAnnotation.stringType())
                                    .named(names.get(i));
                }
            }
            MessageType type = schema.named("export");
            this.groups = new SimpleGroupFactory(type);
            Files.deleteIfExists(file);
            this.writer =
                    ExampleParquetWriter.builder(new LocalOutputFile(file))
                            .withType(type)
                            .withCompressionCodec(CompressionCodecName.SNAPPY)
                            .build();
        }

        @Override
        public void write(JsonNode row) throws IOException {
            Group group = groups.newGroup();
            for (int i = 0; i < columns.size(); i++) {
                JsonNode value = row.path(columns.get(i).name());
                if (value.isMissingNode() || value.isNull()) {
                    continue;
                }
                switch (columns.get(i).type()) {
                    case TIMESTAMP -> group.append(names.get(i), value.asLong() * 1000);
                    case LONG -> group.append(names.get(i), value.asLong());
                    default -> group.append(names.get(i), value.asString(""));
                }
            }
            writer.write(group);
        }

        /** Nothing to do: rows reach the file by row group, and only close makes it whole. */
        @Override
        public void flush() {}

        @Override
        public void close() throws IOException {
            writer.close();
        }

        private static List<String> safeNames(List<Column> columns) {
            List<String> names = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            for (Column column : columns) {
                String base =
                        column.name().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_|_$", "");
                String name = base.isEmpty() ? "column" : base;
                for (int n = 2; !taken.add(name); n++) {
                    name = base + "_" + n;
                }
                names.add(name);
            }
            return names;
        }
    }
}
