package org.consortiumhub.catalog.ingest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.catalog.holdings.Holding;
import org.consortiumhub.catalog.holdings.HoldingsExtractor;
import org.consortiumhub.catalog.ingest.BatchReport.Outcome;
import org.consortiumhub.catalog.ingest.BatchReport.RecordOutcome;
import org.consortiumhub.catalog.marc.MarcFormat;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.consortiumhub.catalog.marc.ReadResult;
import org.consortiumhub.catalog.marc.RecordProblem;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.store.StoredMarc;

/**
 * Reads a batch and works out everything about its records that needs no database: CPU work, done before the
 * batch's transaction opens. Unreadable records, records without a local id, and records whose local id comes
 * again later in the batch are rejected here with their reasons.
 */
final class BatchPreparation {

    static final int MAX_LOCAL_ID = 100;

    record Prepared(List<PreparedRecord> records, List<RecordOutcome> rejected) {
    }

    private BatchPreparation() {
    }

    static Prepared prepare(InputStream body, MarcFormat hint, int maxRecords) {
        Map<String, PreparedRecord> byLocalId = new LinkedHashMap<>();
        List<RecordOutcome> rejected = new ArrayList<>();
        int bibs = 0;
        try (MarcInput input = MarcInput.read(body, hint)) {
            while (input.hasNext()) {
                ReadResult result = input.next();
                if (++bibs > maxRecords) {
                    throw new CatalogException(413, null, "the batch holds more than " + maxRecords
                            + " records; send at most " + maxRecords + " records per batch");
                }
                if (result instanceof RecordProblem problem) {
                    rejected.add(new RecordOutcome(problem.position(), problem.localId(), Outcome.REJECTED, null, problem.message()));
                    continue;
                }
                ReadRecord read = (ReadRecord) result;
                PreparedRecord prepared;
                try {
                    prepared = prepare(read);
                } catch (RuntimeException e) {
                    rejected.add(new RecordOutcome(read.position(), read.record().controlNumber(), Outcome.REJECTED, null,
                            "record " + read.position() + ": could not be processed (" + e.getMessage() + ")"));
                    continue;
                }
                if (prepared == null) {
                    rejected.add(new RecordOutcome(read.position(), null, Outcome.REJECTED, null,
                            "record " + read.position() + ": no local id (001), so the hub cannot tell which record of the member it is"));
                    continue;
                }
                if (prepared.localId().length() > MAX_LOCAL_ID) {
                    rejected.add(new RecordOutcome(read.position(), prepared.localId().substring(0, 20) + "…", Outcome.REJECTED,
                            null, "record " + read.position() + ": the local id (001) is longer than " + MAX_LOCAL_ID + " characters"));
                    continue;
                }
                PreparedRecord earlier = byLocalId.remove(prepared.localId());
                if (earlier != null) {
                    rejected.add(new RecordOutcome(earlier.position(), earlier.localId(), Outcome.REJECTED, null,
                            "record " + earlier.position() + ": local id " + earlier.localId() + " comes again at record "
                                    + prepared.position() + ", which is the one used"));
                }
                byLocalId.put(prepared.localId(), prepared);
            }
        }
        return new Prepared(new ArrayList<>(byLocalId.values()), rejected);
    }

    private static PreparedRecord prepare(ReadRecord read) {
        MarcRecord record = read.record();
        String localId = record.controlNumber();
        if (localId == null) {
            return null;
        }
        if (record.isDeleted()) {
            return PreparedRecord.deletion(read.position(), localId);
        }
        ManifestationProfile profile = ManifestationProfile.of(record);
        List<Holding> holdings = HoldingsExtractor.of(record, read.holdings());
        byte[] serialized = StoredMarc.serialize(record);
        long hash = contentHash(serialized, read.holdings());
        return PreparedRecord.of(read.position(), localId, hash, StoredMarc.compress(serialized), profile, holdings,
                RecordDisplay.of(record, profile));
    }

    /** A 64-bit FNV-1a hash over the record and its holdings records as stored. */
    static long contentHash(byte[] record, List<MarcRecord> holdings) {
        long h = mix(0xcbf29ce484222325L, record);
        for (MarcRecord mfhd : holdings) {
            h = mix(h, StoredMarc.serialize(mfhd));
        }
        return h;
    }

    private static long mix(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
