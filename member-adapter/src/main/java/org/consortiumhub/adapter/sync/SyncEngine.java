package org.consortiumhub.adapter.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.consortiumhub.adapter.checkpoint.CheckpointStore;
import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.ChangeSink;
import org.consortiumhub.adapter.source.SourceChange;
import org.consortiumhub.adapter.source.SourceException;
import org.consortiumhub.api.client.model.BatchReport;

/**
 * One sync: reads the source from its checkpoint, sends the changes to the hub in batches, several batches at a time,
 * and moves the checkpoint forward as the hub acknowledges them in source order.
 *
 * <p>Why the hub ends with exactly the source's records even when the adapter is killed at any moment: a record's
 * local id is written to the checkpoints before the record is sent; the resume cursor moves only past changes the hub
 * acknowledged; a resumed run sends again what came after the cursor, which the hub's idempotent ingest takes as
 * unchanged; and a full sync, once the source is read to the end, withdraws every record this adapter sent in an
 * earlier run that the source no longer listed.
 */
public final class SyncEngine {

    /**
     * How a sync is run.
     *
     * @param compress gzip each batch: a quarter to a tenth of the bytes on a slow line to the hub, for some CPU on
     *        both sides
     */
    public record Settings(int batchSize, int concurrency, Path workFolder, boolean compress) {
    }

    private final CatalogSource source;
    private final CatalogSink hub;
    private final CheckpointStore store;
    private final Settings settings;
    private final SyncProgress progress;

    public SyncEngine(CatalogSource source, CatalogSink hub, CheckpointStore store, Settings settings,
            SyncProgress progress) {
        this.source = source;
        this.hub = hub;
        this.store = store;
        this.settings = settings;
        this.progress = progress;
    }

    /** A run that could not finish; what was acknowledged before the failure is kept for the next run. */
    public static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SyncSummary summary;

        Stopped(Exception cause, SyncSummary summary) {
            super(cause.getMessage(), cause);
            this.summary = summary;
        }

        public SyncSummary summary() {
            return summary;
        }
    }

    public SyncSummary run() throws Stopped, InterruptedException {
        long started = System.nanoTime();
        SyncSummary summary = new SyncSummary();
        CheckpointStore.RunState run = store.begin(source.identity());
        summary.resumed(run.resuming());
        Sender sender = new Sender(run.run(), summary);
        try {
            CatalogSource.SourceRun finished = source.read(new CatalogSource.Position(run.completed(), run.cursor()),
                    sender);
            sender.flush(null);
            sender.awaitAll();
            if (finished.fullListing()) {
                List<String> absent = store.notSentIn(run.run());
                summary.absentFromSource(absent.size());
                for (String localId : absent) {
                    sender.accept(new SourceChange.Removal(localId));
                }
                sender.flush(null);
                sender.awaitAll();
            }
            summary.elapsed(Duration.ofNanos(System.nanoTime() - started));
            progress.finish();
            store.complete(finished.completed(), "finished " + java.time.Instant.now() + System.lineSeparator()
                    + summary.text(20));
            return summary;
        } catch (SourceException e) {
            // what the source handed over before it failed is sound: send it, so the next run starts after it
            try {
                sender.flush(null);
            } catch (SendFailed alsoFailed) {
                // the source's failure is the one to report
            }
            return stop(e, sender, summary, started);
        } catch (SendFailed e) {
            return stop(e.failure, sender, summary, started);
        } finally {
            sender.shutdown();
        }
    }

    private SyncSummary stop(Exception failure, Sender sender, SyncSummary summary, long started) throws Stopped {
        try {
            sender.awaitAll();
        } catch (SendFailed | InterruptedException ignored) {
            // the first failure is the one the librarian needs to see
        }
        summary.elapsed(Duration.ofNanos(System.nanoTime() - started));
        progress.finish();
        store.failed(failure.getMessage());
        throw new Stopped(failure, summary);
    }

    /** One report for a batch sent in two parts; the second part's positions follow the first's. */
    static BatchReport merged(BatchReport first, BatchReport second, int firstSize) {
        int offset = first.getRecords().stream().mapToInt(r -> r.getPosition()).max().orElse(firstSize);
        BatchReport report = new BatchReport().memberCode(first.getMemberCode())
                .received(first.getReceived() + second.getReceived()).created(first.getCreated() + second.getCreated())
                .updated(first.getUpdated() + second.getUpdated()).unchanged(first.getUnchanged() + second.getUnchanged())
                .deleted(first.getDeleted() + second.getDeleted()).rejected(first.getRejected() + second.getRejected())
                .records(new ArrayList<>(first.getRecords()));
        for (var outcome : second.getRecords()) {
            report.getRecords().add(outcome.position(outcome.getPosition() + offset));
        }
        return report;
    }

    /** A batch could not be sent; carried out of the source's reading loop. */
    private static final class SendFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Exception failure;

        SendFailed(Exception failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /** A batch on its way: its changes, and the cursor to keep once it and every batch before it are acknowledged. */
    private record Batch(long sequence, List<SourceChange> changes, String cursor) {
    }

    /** Collects the source's changes into batches and sends them, at most {@code concurrency} at a time. */
    private final class Sender implements ChangeSink {

        private final long run;
        private final SyncSummary summary;
        private final ExecutorService pool;
        private final Semaphore inFlight;
        private List<SourceChange> current = new ArrayList<>();
        private String currentCursor;
        private long nextSequence;
        private long nextToAcknowledge;
        private final Map<Long, Batch> done = new HashMap<>();
        /** Local id -> how many batches in flight carry it. */
        private final Map<String, Integer> inFlightIds = new HashMap<>();
        private Exception failure;

        Sender(long run, SyncSummary summary) {
            this.run = run;
            this.summary = summary;
            this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
                Thread t = new Thread(r, "hub-sender");
                t.setDaemon(true);
                return t;
            });
            this.inFlight = new Semaphore(settings.concurrency());
        }

        @Override
        public void accept(SourceChange change) throws InterruptedException {
            failIfStopped();
            summary.readOne();
            if (change instanceof SourceChange.Malformed bad) {
                summary.malformed(new SyncSummary.Problem(bad.where(), bad.localId(), bad.reason()));
                progress.advanced(1);
                return;
            }
            current.add(change);
            if (current.size() >= settings.batchSize()) {
                flush(currentCursor);
            }
        }

        @Override
        public void resumePoint(String cursor) throws InterruptedException {
            currentCursor = cursor;
            if (current.isEmpty()) {
                // nothing waits to be sent: the cursor can be kept as soon as the batches before it are acknowledged
                submit(new Batch(nextSequence++, List.of(), cursor));
                currentCursor = null;
            }
        }

        @Override
        public void expect(long records) {
            progress.expect(records);
        }

        void flush(String cursor) throws InterruptedException {
            if (current.isEmpty() && cursor == null) {
                return;
            }
            Batch batch = new Batch(nextSequence++, current, cursor != null ? cursor : currentCursor);
            current = new ArrayList<>();
            currentCursor = null;
            submit(batch);
        }

        private void submit(Batch batch) throws InterruptedException {
            List<String> sending = new ArrayList<>(batch.changes().size());
            List<String> touched = new ArrayList<>(batch.changes().size());
            for (SourceChange change : batch.changes()) {
                if (change instanceof SourceChange.Upsert upsert) {
                    sending.add(upsert.localId());
                    touched.add(upsert.localId());
                } else if (change instanceof SourceChange.Removal removal) {
                    touched.add(removal.localId());
                }
            }
            claim(touched);
            if (!sending.isEmpty()) {
                store.sending(sending, run);
            }
            inFlight.acquire();
            failIfStopped();
            pool.execute(() -> {
                try {
                    BatchReport report = batch.changes().isEmpty() ? null : send(batch);
                    acknowledged(batch, report);
                } catch (Exception e) {
                    failed(e);
                } finally {
                    release(touched);
                    inFlight.release();
                }
            });
        }

        /**
         * Waits until no batch in flight touches any of these records. Batches travel side by side and the hub may
         * store them in any order; a record that comes twice in the source (changed, or deleted after a change) must
         * reach the hub in source order, so its later version waits for the earlier one.
         */
        private synchronized void claim(List<String> localIds) throws InterruptedException {
            while (failure == null && localIds.stream().anyMatch(inFlightIds::containsKey)) {
                wait(1000);
            }
            failIfStopped();
            for (String id : localIds) {
                inFlightIds.merge(id, 1, Integer::sum);
            }
        }

        private synchronized void release(List<String> localIds) {
            for (String id : localIds) {
                inFlightIds.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
            }
            notifyAll();
        }

        private BatchReport send(Batch batch) throws IOException, HubConnectionException, InterruptedException {
            return send(batch.changes());
        }

        /** Sends changes as one request; one the hub finds too large (413) is sent again in two halves. */
        private BatchReport send(List<SourceChange> changes)
                throws IOException, HubConnectionException, InterruptedException {
            Path file = Files.createTempFile(settings.workFolder(), "batch-", ".mrc");
            try {
                byte[] body = BatchEncoder.encode(changes);
                if (settings.compress()) {
                    try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                        gzip.write(body);
                    }
                } else {
                    Files.write(file, body);
                }
                return hub.send(file);
            } catch (HubConnectionException e) {
                if (e.status() != 413 || changes.size() < 2) {
                    throw e;
                }
                Files.deleteIfExists(file);
                int half = changes.size() / 2;
                return merged(send(changes.subList(0, half)), send(changes.subList(half, changes.size())), half);
            } finally {
                Files.deleteIfExists(file);
            }
        }

        /** Keeps the cursor of the longest run of acknowledged batches from the start. */
        private synchronized void acknowledged(Batch batch, BatchReport report) {
            if (report != null) {
                summary.add(report);
                progress.advanced(batch.changes().size());
            }
            done.put(batch.sequence(), batch);
            String cursor = null;
            List<String> withdrawn = new ArrayList<>();
            while (done.containsKey(nextToAcknowledge)) {
                Batch next = done.remove(nextToAcknowledge++);
                if (next.cursor() != null) {
                    cursor = next.cursor();
                }
                for (SourceChange change : next.changes()) {
                    if (change instanceof SourceChange.Removal removal) {
                        withdrawn.add(removal.localId());
                    }
                }
            }
            if (cursor != null || !withdrawn.isEmpty()) {
                store.acknowledged(cursor, withdrawn);
            }
            notifyAll();
        }

        private synchronized void failed(Exception e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
        }

        private synchronized void failIfStopped() {
            if (failure != null) {
                throw new SendFailed(failure);
            }
        }

        /** Waits until every submitted batch is acknowledged, or one failed. */
        synchronized void awaitAll() throws InterruptedException {
            while (nextToAcknowledge < nextSequence && failure == null) {
                wait(1000);
            }
            failIfStopped();
        }

        void shutdown() throws InterruptedException {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
