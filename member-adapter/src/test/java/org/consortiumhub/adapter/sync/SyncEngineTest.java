package org.consortiumhub.adapter.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.consortiumhub.adapter.checkpoint.CheckpointStore;
import org.consortiumhub.adapter.source.file.MarcFilesSettings;
import org.consortiumhub.adapter.source.file.MarcFilesSource;
import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync engine over real MARC files and a catalog that follows the hub's ingest contract. */
class SyncEngineTest {

    @TempDir
    Path work;

    private final InMemoryCatalog hub = new InMemoryCatalog();

    @Test
    void aFirstFullSyncSendsEveryRecordAndCountsThem() throws Exception {
        Path files = folder("one", "marc/eg_jazz_1k.mrc");

        SyncSummary summary = sync(files, true, 100, 3);

        assertEquals(idsIn(files), new TreeSet<>(hub.ids()));
        assertEquals(summary.created(), hub.records.size());
        assertEquals(0, summary.updated());
        assertTrue(summary.text(5).contains("created"), summary.text(5));
    }

    @Test
    void aFullSyncWithdrawsWhatTheFilesNoLongerHold() throws Exception {
        sync(folder("before", "marc/eg_jazz_1k.mrc", "marc/eg_lul_fre_500.mrc"), true, 200, 2);
        Path after = folder("after", "marc/eg_lul_fre_500.mrc");

        SyncSummary summary = sync(after, true, 200, 2);

        assertEquals(idsIn(after), new TreeSet<>(hub.ids()));
        assertEquals(idsIn(folder("jazz", "marc/eg_jazz_1k.mrc")).size(), summary.absentDeleted());
        assertEquals(summary.absentDeleted(), summary.deleted());
    }

    @Test
    void anIncrementalSyncWithdrawsNothing() throws Exception {
        sync(folder("before", "marc/eg_jazz_1k.mrc"), true, 200, 2);
        Path changes = folder("changes", "marc/eg_lul_fre_500.mrc");

        sync(changes, false, 200, 2);

        TreeSet<String> both = idsIn(folder("jazz", "marc/eg_jazz_1k.mrc"));
        both.addAll(idsIn(changes));
        assertEquals(both, new TreeSet<>(hub.ids()));
    }

    @Test
    void aSyncStoppedByTheHubResumesAndEndsWithExactlyTheSourcesRecords() throws Exception {
        sync(folder("old", "marc/eg_nepali.marc"), true, 50, 1);
        Path files = folder("now", "marc/perf_2k_bib_Create.mrc", "marc/eg_jazz_1k.mrc");
        hub.failAfter(hub.batches.get() + 17);

        SyncEngine.Stopped stopped = assertThrows(SyncEngine.Stopped.class, () -> sync(files, true, 100, 4));
        assertTrue(stopped.getMessage().contains("hub down"));
        int sentBeforeStop = hub.batches.get();

        hub.failAfter(Integer.MAX_VALUE);
        SyncSummary resumed = sync(files, true, 100, 4);

        assertEquals(idsIn(files), new TreeSet<>(hub.ids()), "none lost, none left over");
        assertTrue(resumed.read() < idsIn(files).size() + 50, "the resumed run does not start over: read "
                + resumed.read());
        assertTrue(hub.batches.get() - sentBeforeStop < 40);
    }

    @Test
    void malformedRecordsAreCountedWithTheirReasonAndNotSent() throws Exception {
        Path files = folder("bad", "marc/m4j_bad_hathi_records.mrc");

        SyncSummary summary = sync(files, true, 100, 2);

        assertTrue(summary.malformed() > 0);
        assertEquals(summary.malformed(), summary.problems().size());
        assertTrue(summary.problems().get(0).where().startsWith("m4j_bad_hathi_records.mrc"),
                summary.problems().get(0).toString());
    }

    @Test
    void aRecordThatComesTwiceReachesTheHubInSourceOrderThoughBatchesTravelSideBySide() throws Exception {
        List<MarcRecord> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.path("marc/eg_jazz_1k.mrc")); MarcInput marc = MarcInput.read(in)) {
            while (records.size() < 60 && marc.hasNext()) {
                if (marc.next() instanceof ReadRecord read && read.record().controlNumber() != null) {
                    records.add(read.record());
                }
            }
        }
        MarcRecord first = records.get(0);
        MarcRecord changed = new MarcRecord(first.leader(), first.controlFields(), first.dataFields().subList(0,
                first.dataFields().size() - 1));
        records.add(changed); // the export lists the record again, changed, 60 records later
        Path folder = Files.createDirectories(work.resolve("twice"));
        try (var out = Files.newOutputStream(folder.resolve("export.mrc"))) {
            for (MarcRecord r : records) {
                out.write(Iso2709.write(r));
            }
        }
        // 61 records in batches of 10: the six other batches, the last carrying the changed record, may all overtake.
        hub.slowWhenCarrying(first.controlNumber(), 6);

        sync(folder, true, 10, 4);

        assertArrayEquals(Iso2709.write(changed), hub.records.get(first.controlNumber()),
                "the later version wins even though the batch with the earlier one was slower");
    }

    @Test
    void compressedBatchesCarryTheSameRecords() throws Exception {
        Path files = folder("gzip", "marc/eg_hebrew.marc", "marc/stanford-50.mrc.gz");

        SyncSummary summary = sync(files, true, 20, 2, true);

        assertEquals(idsIn(files), new TreeSet<>(hub.ids()));
        assertEquals(hub.records.size(), summary.created());
    }

    @Test
    void aBatchTheHubFindsTooLargeIsSentInSmallerParts() throws Exception {
        Path files = folder("large", "marc/eg_lul_fre_500.mrc");
        hub.largestBatch(60);

        SyncSummary summary = sync(files, true, 200, 2);

        assertEquals(idsIn(files), new TreeSet<>(hub.ids()));
        assertEquals(hub.records.size(), summary.created());
    }

    private SyncSummary sync(Path files, boolean full, int batchSize, int concurrency) throws Exception {
        return sync(files, full, batchSize, concurrency, false);
    }

    private SyncSummary sync(Path files, boolean full, int batchSize, int concurrency, boolean compress)
            throws Exception {
        Path state = work.resolve("state");
        try (CheckpointStore store = CheckpointStore.open(state)) {
            MarcFilesSource source = new MarcFilesSource(new MarcFilesSettings(files, full));
            return new SyncEngine(source, hub, store, new SyncEngine.Settings(batchSize, concurrency, state, compress),
                    SyncProgress.silent()).run();
        }
    }

    /** A folder with copies of shared data files: a member's export folder. */
    private Path folder(String name, String... files) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        for (String file : files) {
            Path source = SharedData.path(file);
            Path target = folder.resolve(source.getFileName());
            if (!Files.exists(target)) {
                Files.copy(source, target);
            }
        }
        return folder;
    }

    private static TreeSet<String> idsIn(Path folder) throws Exception {
        TreeSet<String> ids = new TreeSet<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file); MarcInput marc = MarcInput.read(in)) {
                    marc.forEachRemaining(r -> {
                        if (r instanceof ReadRecord read && read.record().controlNumber() != null) {
                            ids.add(read.record().controlNumber());
                        }
                    });
                }
            }
        }
        return ids;
    }
}
