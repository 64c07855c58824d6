package org.consortiumhub.catalog.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.match.ManifestationProfile;

/**
 * A union catalog kept in maps and clustered batch by batch exactly as storage does it, for the quality tests,
 * the clustering benchmark, and as the reference storage is checked against. For each batch it
 * <ol>
 * <li>gathers the neighbourhood: the stored versions of the batch's records; the records holding one of the
 * upserts' keys, skipping keys whose stored count makes them stop keys; every record of every cluster these are
 * in; and the stored count of each of their keys;</li>
 * <li>asks the {@link ClusterEngine} for a plan;</li>
 * <li>applies it: removes deleted records, stores upserted ones and their keys, moves records to their planned
 * clusters, drops retired clusters and records display records.</li>
 * </ol>
 */
public final class InMemoryUnionCatalog {

    /** A member's record: the member's code and the record's local id (its 001). */
    public record LocalRecordId(String member, String localId) {
    }

    private record StoredRecord(LocalRecordId id, long clusterId, MatchRecord record) {
    }

    private final ClusterEngine engine;
    private final Map<LocalRecordId, Long> recordIds = new HashMap<>();
    private final Map<Long, StoredRecord> records = new HashMap<>();
    private final Map<Long, Set<Long>> holdersOfKey = new HashMap<>();
    private final Map<Long, Set<Long>> recordsOfCluster = new HashMap<>();
    private final Map<Long, Long> displayRecordOfCluster = new HashMap<>();
    private long lastRecordId;
    private long lastClusterId;

    public InMemoryUnionCatalog(ClusterEngine engine) {
        this.engine = engine;
    }

    /**
     * Loads a member's batch: records are created or replaced by their 001, and records with leader/05
     * {@code d} are deleted. A later record of the batch with the same 001 wins.
     *
     * @throws IllegalArgumentException for a record without a 001, which cannot be identified
     */
    public ClusterPlan load(String member, List<MarcRecord> batch) {
        Map<LocalRecordId, MarcRecord> latest = new LinkedHashMap<>();
        for (MarcRecord r : batch) {
            String localId = r.controlNumber();
            if (localId == null) {
                throw new IllegalArgumentException("a record of member " + member + " has no 001");
            }
            latest.put(new LocalRecordId(member, localId), r);
        }
        Map<Long, LocalRecordId> upserted = new HashMap<>();
        List<MatchRecord> upserts = new ArrayList<>(latest.size());
        Set<Long> deletions = new HashSet<>();
        latest.forEach((id, r) -> {
            Long recordId = recordIds.get(id);
            if (r.isDeleted()) {
                if (recordId != null) {
                    deletions.add(recordId);
                }
            } else {
                long assigned = recordId != null ? recordId : ++lastRecordId;
                upserted.put(assigned, id);
                upserts.add(MatchRecord.of(assigned, ManifestationProfile.of(r)));
            }
        });
        return apply(upserts, deletions, upserted);
    }

    /** Deletes a member's records by local id; unknown ids are ignored. */
    public ClusterPlan delete(String member, Collection<String> localIds) {
        Set<Long> deletions = new HashSet<>();
        for (String localId : localIds) {
            Long recordId = recordIds.get(new LocalRecordId(member, localId));
            if (recordId != null) {
                deletions.add(recordId);
            }
        }
        return apply(List.of(), deletions, Map.of());
    }

    private ClusterPlan apply(List<MatchRecord> upserts, Set<Long> deletions, Map<Long, LocalRecordId> upserted) {
        ClusterPlan plan = engine.plan(neighbourhood(upserts, deletions), () -> ++lastClusterId);
        for (long recordId : deletions) {
            StoredRecord gone = records.remove(recordId);
            recordIds.remove(gone.id());
            unindex(gone);
        }
        for (MatchRecord upsert : upserts) {
            StoredRecord before = records.get(upsert.recordId());
            if (before != null) {
                unindex(before);
            }
            LocalRecordId id = upserted.get(upsert.recordId());
            recordIds.put(id, upsert.recordId());
            records.put(upsert.recordId(), new StoredRecord(id, 0, upsert));
            for (long key : upsert.keys()) {
                holdersOfKey.computeIfAbsent(key, k -> new HashSet<>(2)).add(upsert.recordId());
            }
        }
        plan.clusterOfRecord().forEach((recordId, clusterId) -> {
            StoredRecord r = records.get(recordId);
            if (r.clusterId() != clusterId) {
                Set<Long> previous = recordsOfCluster.get(r.clusterId());
                if (previous != null) {
                    previous.remove(recordId);
                }
                recordsOfCluster.computeIfAbsent(clusterId, c -> new HashSet<>(2)).add(recordId);
                records.put(recordId, new StoredRecord(r.id(), clusterId, r.record()));
            }
        });
        for (long retired : plan.retiredClusters()) {
            recordsOfCluster.remove(retired);
            displayRecordOfCluster.remove(retired);
        }
        displayRecordOfCluster.putAll(plan.displayRecordOfCluster());
        return plan;
    }

    /** Removes a stored record's keys from the key index. Its cluster membership changes with the plan. */
    private void unindex(StoredRecord r) {
        for (long key : r.record().keys()) {
            Set<Long> holders = holdersOfKey.get(key);
            holders.remove(r.record().recordId());
            if (holders.isEmpty()) {
                holdersOfKey.remove(key);
            }
        }
        Set<Long> cluster = recordsOfCluster.get(r.clusterId());
        if (cluster != null) {
            cluster.remove(r.record().recordId());
        }
    }

    private Neighbourhood neighbourhood(List<MatchRecord> upserts, Set<Long> deletions) {
        Set<Long> touchedClusters = new HashSet<>(upserts.size() * 4);
        for (long recordId : deletions) {
            touchedClusters.add(records.get(recordId).clusterId());
        }
        for (MatchRecord upsert : upserts) {
            StoredRecord before = records.get(upsert.recordId());
            if (before != null) {
                touchedClusters.add(before.clusterId());
            }
            for (long key : upsert.keys()) {
                Set<Long> holders = holdersOfKey.get(key);
                if (holders != null && !engine.settings().isStopKey(holders.size())) {
                    holders.forEach(holder -> touchedClusters.add(records.get(holder).clusterId()));
                }
            }
        }
        List<ClusteredRecord> existing = new ArrayList<>(touchedClusters.size() * 2);
        Map<Long, Integer> keyCounts = new HashMap<>((upserts.size() + touchedClusters.size()) * 8);
        for (long clusterId : touchedClusters) {
            for (long recordId : recordsOfCluster.get(clusterId)) {
                MatchRecord r = records.get(recordId).record();
                existing.add(new ClusteredRecord(clusterId, r));
                countKeys(r, keyCounts);
            }
        }
        upserts.forEach(u -> countKeys(u, keyCounts));
        return new Neighbourhood(upserts, deletions, existing, keyCounts);
    }

    private void countKeys(MatchRecord r, Map<Long, Integer> keyCounts) {
        for (long key : r.keys()) {
            keyCounts.computeIfAbsent(key, k -> {
                Set<Long> holders = holdersOfKey.get(k);
                return holders == null ? 0 : holders.size();
            });
        }
    }

    /** The cluster a member's record is in, if the catalog holds the record. */
    public OptionalLong clusterOf(String member, String localId) {
        Long recordId = recordIds.get(new LocalRecordId(member, localId));
        return recordId == null ? OptionalLong.empty() : OptionalLong.of(records.get(recordId).clusterId());
    }

    public int recordCount() {
        return records.size();
    }

    public int clusterCount() {
        return recordsOfCluster.size();
    }

    /** Every cluster with its members' records. */
    public Map<Long, List<LocalRecordId>> clusters() {
        Map<Long, List<LocalRecordId>> clusters = new HashMap<>(recordsOfCluster.size() * 2);
        recordsOfCluster.forEach((clusterId, members) -> clusters.put(clusterId,
                members.stream().map(id -> records.get(id).id()).toList()));
        return clusters;
    }

    /** The record shown for a cluster. */
    public LocalRecordId displayRecord(long clusterId) {
        return records.get(displayRecordOfCluster.get(clusterId)).id();
    }
}
