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
 */
record PreparedRecord(int position, String localId, boolean deletion, long contentHash, byte[] marc,
        ManifestationProfile profile, long[] keys, List<Holding> holdings, RecordDisplay display) {

    static PreparedRecord deletion(int position, String localId) {
        return new PreparedRecord(position, localId, true, 0, null, null, new long[0], List.of(), null);
    }

    int lendableItems() {
        return (int) holdings.stream().filter(Holding::lendable).count();
    }
}
