package org.consortiumhub.catalog.ingest;

import java.util.List;

import org.consortiumhub.catalog.holdings.Holding;
import org.consortiumhub.catalog.match.ManifestationProfile;

/**
 * A record of a batch, read and worked out before any database work: its identity, whether it is a deletion, and
 * for records to store, everything storage and clustering need.
 *
 * @param contentHash 64-bit hash of the record as sent (with its holdings), to recognise a record sent again unchanged
 * @param marc the record as stored: UTF-8 ISO 2709, deflated
 * @param storedProfile the profile as stored ({@link org.consortiumhub.catalog.store.ProfileCodec})
 * @param storedKeys the distinct match keys as a PostgreSQL array literal
 * @param storedHoldings the holdings as stored (JSON)
 * @param terms the record's words for its cluster's search terms
 */
record PreparedRecord(int position, String localId, boolean deletion, long contentHash, byte[] marc,
        ManifestationProfile profile, long[] keys, int items, int lendableItems, RecordDisplay display,
        byte[] storedProfile, String storedKeys, String storedHoldings, RecordTerms terms) {

    static PreparedRecord deletion(int position, String localId) {
        return new PreparedRecord(position, localId, true, 0, null, null, new long[0], 0, 0, null, null, null, null, null);
    }

    /** Everything storage writes for a record, worked out here so the batch's transaction only assembles it. */
    static PreparedRecord of(int position, String localId, long contentHash, byte[] marc, ManifestationProfile profile,
            List<Holding> holdings, RecordDisplay display) {
        long[] keys = java.util.Arrays.stream(profile.matchKeyHashes()).distinct().toArray();
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            literal.append(i == 0 ? "" : ",").append(keys[i]);
        }
        int lendable = (int) holdings.stream().filter(Holding::lendable).count();
        return new PreparedRecord(position, localId, false, contentHash, marc, profile, keys, holdings.size(), lendable,
                display, org.consortiumhub.catalog.store.ProfileCodec.encode(profile), literal.append('}').toString(),
                HoldingsJson.of(holdings), RecordTerms.of(display, profile));
    }
}
