package org.consortiumhub.adapter.sync;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.api.client.model.BatchReport;
import org.consortiumhub.api.client.model.RecordOutcome;
import org.consortiumhub.api.client.model.RecordOutcomeKind;
import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.consortiumhub.catalog.marc.ReadResult;

/**
 * A member's records as the hub's ingest contract treats them (create, update, unchanged, delete by leader/05, reject
 * what has no 001), kept in memory so the sync engine's own logic can be tested fast; the end-to-end tests use the
 * real hub. It can be told to fail after a number of batches, as a hub going down would.
 */
final class InMemoryCatalog implements CatalogSink {

    final Map<String, byte[]> records = new ConcurrentHashMap<>();
    final AtomicInteger batches = new AtomicInteger();
    private volatile int failAfter = Integer.MAX_VALUE;
    private volatile String slowWhenCarrying;
    private volatile CountDownLatch othersStored = new CountDownLatch(0);
    private volatile int largestBatch = Integer.MAX_VALUE;

    /** Batches of more records than this are refused as too large (413), as the hub's request size limit does. */
    void largestBatch(int records) {
        this.largestBatch = records;
    }

    /**
     * The first batch carrying this local id is stored only once {@code others} other batches have been stored, as a
     * large batch on a busy hub is overtaken by smaller ones; after a second at most, for an engine that rightly
     * holds some of the others back until this one is done.
     */
    void slowWhenCarrying(String localId, int others) {
        this.othersStored = new CountDownLatch(others);
        this.slowWhenCarrying = localId;
    }

    void failAfter(int batches) {
        this.failAfter = batches;
    }

    @Override
    public BatchReport send(Path batch) throws HubConnectionException, InterruptedException {
        String slow = slowWhenCarrying;
        if (slow != null && carries(batch, slow)) {
            slowWhenCarrying = null;
            othersStored.await(1, TimeUnit.SECONDS);
            return store(batch);
        }
        BatchReport report = store(batch);
        othersStored.countDown();
        return report;
    }

    private static boolean carries(Path batch, String localId) {
        try (InputStream in = Files.newInputStream(batch); MarcInput marc = MarcInput.read(in)) {
            while (marc.hasNext()) {
                if (marc.next() instanceof ReadRecord read && localId.equals(read.record().controlNumber())) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Path batch) {
        try {
            byte[] bytes = Files.readAllBytes(batch);
            long n = 0;
            for (byte b : bytes) {
                n += b == 0x1D ? 1 : 0;
            }
            return n;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized BatchReport store(Path batch) throws HubConnectionException {
        if (count(batch) > largestBatch) {
            throw new HubConnectionException(HubConnectionException.Reason.HUB_ERROR, 413, "too large");
        }
        if (batches.get() >= failAfter) {
            throw new HubConnectionException(HubConnectionException.Reason.HUB_UNREACHABLE, "hub down");
        }
        batches.incrementAndGet();
        BatchReport report = new BatchReport().memberCode("US-TEST").received(0).created(0).updated(0).unchanged(0)
                .deleted(0).rejected(0).records(new ArrayList<>());
        try (InputStream in = Files.newInputStream(batch); MarcInput marc = MarcInput.read(in)) {
            while (marc.hasNext()) {
                ReadResult result = marc.next();
                report.received(report.getReceived() + 1);
                if (!(result instanceof ReadRecord read) || read.record().controlNumber() == null) {
                    outcome(report, result.position(), null, RecordOutcomeKind.REJECTED, "unreadable");
                    report.rejected(report.getRejected() + 1);
                    continue;
                }
                String id = read.record().controlNumber();
                if (read.record().isDeleted()) {
                    boolean had = records.remove(id) != null;
                    outcome(report, read.position(), id, had ? RecordOutcomeKind.DELETED : RecordOutcomeKind.UNCHANGED, null);
                    if (had) {
                        report.deleted(report.getDeleted() + 1);
                    } else {
                        report.unchanged(report.getUnchanged() + 1);
                    }
                    continue;
                }
                byte[] bytes = Iso2709.write(read.record());
                byte[] before = records.put(id, bytes);
                RecordOutcomeKind kind = before == null ? RecordOutcomeKind.CREATED
                        : java.util.Arrays.equals(before, bytes) ? RecordOutcomeKind.UNCHANGED : RecordOutcomeKind.UPDATED;
                outcome(report, read.position(), id, kind, null);
                switch (kind) {
                    case CREATED -> report.created(report.getCreated() + 1);
                    case UPDATED -> report.updated(report.getUpdated() + 1);
                    default -> report.unchanged(report.getUnchanged() + 1);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return report;
    }

    private static void outcome(BatchReport report, int position, String id, RecordOutcomeKind kind, String reason) {
        report.getRecords().add(new RecordOutcome().position(position).localId(id).outcome(kind).reason(reason));
    }

    List<String> ids() {
        return records.keySet().stream().sorted().toList();
    }
}
