package org.consortiumhub.catalog.cluster;

/** A record already in the catalog, with the id of the cluster it is in (cluster ids are positive). */
public record ClusteredRecord(long clusterId, MatchRecord record) {

    public ClusteredRecord {
        if (clusterId <= 0) {
            throw new IllegalArgumentException("cluster ids are positive, was " + clusterId);
        }
    }
}
