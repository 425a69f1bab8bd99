package io.streamlytics.sqlgateway.clickhouse;

import java.sql.Timestamp;
import java.time.LocalDate;
import org.apache.flink.connector.jdbc.core.database.dialect.AbstractDialectConverter;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * ClickHouse's JDBC values as Flink's: unsigned integers arrive as wider Java types (UInt64 as a
 * BigInteger, UInt32 as a Long, …) and are narrowed to the column's declared type.
 */
final class ClickHouseDialectConverter extends AbstractDialectConverter {
    private static final long serialVersionUID = 1L;

    ClickHouseDialectConverter(RowType rowType) {
        super(rowType);
    }

    @Override
    public String converterName() {
        return "ClickHouse";
    }

    @Override
    protected JdbcDeserializationConverter createInternalConverter(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case BIGINT -> value -> ((Number) value).longValue();
            case INTEGER -> value -> ((Number) value).intValue();
            case SMALLINT -> value -> ((Number) value).shortValue();
            case TINYINT -> value -> ((Number) value).byteValue();
            case DOUBLE -> value -> ((Number) value).doubleValue();
            case FLOAT -> value -> ((Number) value).floatValue();
            case DATE ->
                    value ->
                            (int)
                                    (value instanceof java.sql.Date d
                                            ? d.toLocalDate().toEpochDay()
                                            : LocalDate.parse(value.toString()).toEpochDay());
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    value ->
                            // the platform's DateTime columns are UTC: the instant's UTC wall time
                            value instanceof Timestamp t
                                    ? TimestampData.fromInstant(t.toInstant())
                                    : TimestampData.fromEpochMillis(((Number) value).longValue());
            default -> super.createInternalConverter(type);
        };
    }
}
