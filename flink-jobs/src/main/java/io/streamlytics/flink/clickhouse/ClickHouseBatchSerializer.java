package io.streamlytics.flink.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Stores pending batches in checkpoints. Version 1: token, table, partition, attempt, rows, data
 * (plain JSONEachRow). Version 2 adds whether the data is compressed, after the row count.
 */
final class ClickHouseBatchSerializer implements SimpleVersionedSerializer<ClickHouseBatch> {
    @Override
    public int getVersion() {
        return 2;
    }

    @Override
    public byte[] serialize(ClickHouseBatch batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.data.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(batch.token);
            out.writeUTF(batch.table);
            out.writeUTF(batch.partition);
            out.writeUTF(batch.writerAttempt);
            out.writeInt(batch.rows);
            out.writeBoolean(batch.compressed);
            out.writeInt(batch.data.length);
            out.write(batch.data);
        }
        return bytes.toByteArray();
    }

    @Override
    public ClickHouseBatch deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("unknown ClickHouseBatch version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            String token = in.readUTF();
            String table = in.readUTF();
            String partition = in.readUTF();
            String attempt = in.readUTF();
            int rows = in.readInt();
            boolean compressed = version >= 2 && in.readBoolean();
            byte[] data = new byte[in.readInt()];
            in.readFully(data);
            return new ClickHouseBatch(token, table, partition, rows, data, compressed, attempt);
        }
    }
}
