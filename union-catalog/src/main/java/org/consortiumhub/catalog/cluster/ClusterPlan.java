package org.consortiumhub.catalog.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What storage must write after a batch: the cluster of every surviving record of the neighbourhood, the display
 * record of every cluster those records are now in, the clusters that no longer exist, and the decisions that
 * explain it.
 *
 * @param clusterOfRecord record id → cluster id, for every record of the neighbourhood that still exists
 * @param displayRecordOfCluster cluster id → the record shown for the cluster, for every cluster in
 *        {@code clusterOfRecord}
 * @param retiredClusters ids of clusters of the neighbourhood that no longer exist: merged into another or left
 *        without records
 * @param mergedInto for each retired cluster whose records live on, the cluster that now holds most of them (so a
 *        bookmarked or requested cluster can be followed)
 * @param decisions the candidate pairs verified, accepted or rejected, with their reasons
 */
public record ClusterPlan(
        Map<Long, Long> clusterOfRecord,
        Map<Long, Long> displayRecordOfCluster,
        Set<Long> retiredClusters,
        Map<Long, Long> mergedInto,
        List<MatchDecision> decisions) {
}
