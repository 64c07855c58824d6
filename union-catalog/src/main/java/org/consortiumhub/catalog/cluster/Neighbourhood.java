package org.consortiumhub.catalog.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a change to the catalog can affect, as storage gathers it for {@link ClusterEngine#plan}.
 *
 * @param upserts the records the batch creates or replaces, with their new profiles and keys
 * @param deletions the ids of the records the batch deletes
 * @param existing the catalog's records, as stored before the batch, that the batch can affect: the stored
 *        versions of the upserted and deleted records; every record that holds one of the upserts' keys, for keys
 *        that are not stop keys by their stored count; and then every record of every cluster any of these is
 *        in. Records that need not be here may be; records that must be here may not be missing.
 * @param storedKeyCounts for every key held by a record above (stored or upserted), how many records in the whole
 *        catalog hold it before the batch; a key missing from the map is held by none
 */
public record Neighbourhood(
        List<MatchRecord> upserts,
        Set<Long> deletions,
        List<ClusteredRecord> existing,
        Map<Long, Integer> storedKeyCounts) {
}
