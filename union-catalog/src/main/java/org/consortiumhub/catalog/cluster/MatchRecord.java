package org.consortiumhub.catalog.cluster;

import org.consortiumhub.catalog.match.ManifestationProfile;

/**
 * A record as clustering sees it: the catalog's id for it, its profile and the hashes of its match keys.
 *
 * @param keys the {@link ManifestationProfile#matchKeyHashes() match key hashes} storage indexes it by
 */
public record MatchRecord(long recordId, ManifestationProfile profile, long[] keys) {

    public static MatchRecord of(long recordId, ManifestationProfile profile) {
        return new MatchRecord(recordId, profile, profile.matchKeyHashes());
    }
}
