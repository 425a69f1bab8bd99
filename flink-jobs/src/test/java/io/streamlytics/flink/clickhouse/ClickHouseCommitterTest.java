package io.streamlytics.flink.clickhouse;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static io.streamlytics.flink.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.flink.pipeline.records.EventRowFormat;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The committer against a real ClickHouse: each batch lands once, however often it is committed.
 */
@ExtendWith(ClickHouseExtension.class)
class ClickHouseCommitterTest {
    private static final String ATTEMPT = "job/0/0";

    private ClickHouseSettings settings;
    private ClickHouse clickhouse;

    @BeforeEach
    void migrate(ClickHouseServer server) {
        settings =
                new ClickHouseSettings(
                        server.httpUrl(), server.user(), server.password(), "committer_test");
        clickhouse = ClickHouse.connect(settings);
        clickhouse.execute("DROP DATABASE IF EXISTS committer_test");
        new ClickHouseMigrations(clickhouse).apply();
    }

    private List<ClickHouseBatch> batches(String attempt, int events) {
        ClickHouseWriter<io.streamlytics.core.event.Event> writer =
                new ClickHouseWriter<>("events", new EventRowFormat(), 1000, attempt);
        for (int i = 0; i < events; i++) {
            writer.write(
                    event(1, "id-" + i, "page_view", "u" + i, BEGINNING.plusSeconds(i * 30L)),
                    null);
        }
        return new ArrayList<>(writer.prepareCommit());
    }

    private long storedEvents() {
        return clickhouse.queryLong("SELECT count() AS n FROM committer_test.events", "n");
    }

    @Test
    void batchesAreSplitByPartitionAndInsertedOnce() throws Exception {
        List<ClickHouseBatch> batches =
                batches(ATTEMPT, 4); // 23:59:00, 23:59:30 in April; 2 in May
        assertThat(batches)
                .extracting(b -> b.partition)
                .containsExactlyInAnyOrder("202604", "202605");

        try (ClickHouseCommitter committer =
                new ClickHouseCommitter(settings, ATTEMPT, EventRowFormat.PARTITION_FILTER)) {
            committer.commit(asRequests(requests(batches, 0)));
        }

        assertThat(storedEvents()).isEqualTo(4);
    }

    @Test
    void aRestoredBatchThatWasCommittedIsSkipped() throws Exception {
        List<ClickHouseBatch> batches = batches("old-job/0/0", 3);
        try (ClickHouseCommitter before =
                new ClickHouseCommitter(settings, "old-job/0/0", EventRowFormat.PARTITION_FILTER)) {
            before.commit(asRequests(requests(batches, 0)));
        }

        List<TestRequest> again = requests(batches, 0);
        try (ClickHouseCommitter after =
                new ClickHouseCommitter(settings, ATTEMPT, EventRowFormat.PARTITION_FILTER)) {
            after.commit(asRequests(again));
        }

        assertThat(storedEvents()).isEqualTo(3);
        assertThat(again).allSatisfy(r -> assertThat(r.alreadyCommitted).isTrue());
    }

    @Test
    void aCrashBetweenInsertAndRecordIsDetectedFromTheRowsThemselves() throws Exception {
        List<ClickHouseBatch> batches = batches("old-job/0/0", 3);
        for (ClickHouseBatch batch : batches) {
            clickhouse.insertJsonEachRow("events", batch::jsonRows); // inserted, never recorded
        }

        try (ClickHouseCommitter after =
                new ClickHouseCommitter(settings, ATTEMPT, EventRowFormat.PARTITION_FILTER)) {
            after.commit(asRequests(requests(batches, 0)));
        }

        assertThat(storedEvents()).isEqualTo(3);
    }

    @Test
    void whenClickHouseIsDownTheCommitIsRetriedAndThenChecked() throws Exception {
        List<ClickHouseBatch> batches = batches(ATTEMPT, 2);
        ClickHouseSettings nowhere =
                new ClickHouseSettings("http://127.0.0.1:1", "default", "x", "committer_test");
        List<TestRequest> first = requests(batches, 0);
        try (ClickHouseCommitter down =
                new ClickHouseCommitter(nowhere, ATTEMPT, EventRowFormat.PARTITION_FILTER)) {
            down.commit(asRequests(first));
        }
        assertThat(first).allSatisfy(r -> assertThat(r.retryLater).isTrue());

        try (ClickHouseCommitter up =
                new ClickHouseCommitter(settings, ATTEMPT, EventRowFormat.PARTITION_FILTER)) {
            up.commit(asRequests(requests(batches, 1)));
            up.commit(
                    asRequests(
                            requests(
                                    batches,
                                    2))); // a second retry of the same batches changes nothing
        }

        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void batchesSurviveTheCheckpointSerializer() throws Exception {
        ClickHouseBatch batch = batches(ATTEMPT, 1).get(0);
        ClickHouseBatchSerializer serializer = new ClickHouseBatchSerializer();

        ClickHouseBatch back =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));

        assertThat(back).usingRecursiveComparison().isEqualTo(batch);
        assertThat(back.jsonRows().readAllBytes()).isEqualTo(batch.jsonRows().readAllBytes());
    }

    @Test
    void batchesFromCheckpointsBeforeCompressionAreStillInserted() throws Exception {
        ClickHouseBatch batch = batches("old-job/0/0", 2).get(0);

        ClickHouseBatch restored =
                new ClickHouseBatchSerializer()
                        .deserialize(1, inVersion1(batch, batch.jsonRows().readAllBytes()));
        try (ClickHouseCommitter committer =
                new ClickHouseCommitter(settings, ATTEMPT, EventRowFormat.PARTITION_FILTER)) {
            committer.commit(asRequests(requests(List.of(restored), 0)));
        }

        assertThat(restored.compressed).isFalse();
        assertThat(storedEvents()).isEqualTo(2);
    }

    /** A batch as version 1 of the serializer wrote it: plain JSON rows, no compression flag. */
    private static byte[] inVersion1(ClickHouseBatch batch, byte[] plainRows) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(batch.token);
            out.writeUTF(batch.table);
            out.writeUTF(batch.partition);
            out.writeUTF(batch.writerAttempt);
            out.writeInt(batch.rows);
            out.writeInt(plainRows.length);
            out.write(plainRows);
        }
        return bytes.toByteArray();
    }

    private static List<TestRequest> requests(List<ClickHouseBatch> batches, int retries) {
        return batches.stream().map(b -> new TestRequest(b, retries)).toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Collection<Committer.CommitRequest<ClickHouseBatch>> asRequests(
            List<TestRequest> r) {
        return (Collection) r;
    }

    /** Records what the committer decided about one request. */
    static final class TestRequest implements Committer.CommitRequest<ClickHouseBatch> {
        final ClickHouseBatch batch;
        final int retries;
        boolean retryLater;
        boolean alreadyCommitted;

        TestRequest(ClickHouseBatch batch, int retries) {
            this.batch = batch;
            this.retries = retries;
        }

        @Override
        public ClickHouseBatch getCommittable() {
            return batch;
        }

        @Override
        public int getNumberOfRetries() {
            return retries;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void retryLater() {
            retryLater = true;
        }

        @Override
        public void updateAndRetryLater(ClickHouseBatch committable) {
            retryLater = true;
        }

        @Override
        public void signalAlreadyCommitted() {
            alreadyCommitted = true;
        }
    }
}
