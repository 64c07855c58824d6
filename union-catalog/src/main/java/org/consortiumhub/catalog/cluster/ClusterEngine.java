package org.consortiumhub.catalog.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.consortiumhub.catalog.cluster.ClusterGraph.Node;

/**
 * Groups records into clusters, one cluster per manifestation, as a pure function over the neighbourhood of a
 * batch of changes, so that storage can drive it batch by batch (see {@link Neighbourhood} for what it must
 * supply and {@link ClusterPlan} for what it gets back).
 *
 * <p>A cluster is a connected component of the graph whose edges are candidate pairs — records sharing a key that
 * is not a stop key — accepted by the {@link MatchVerifier}. The engine recomputes the components of the
 * neighbourhood from scratch, so updates and deletes can split a cluster as well as merge clusters. Two records
 * that are unchanged and were in different clusters are not compared again: nothing about them changed, so
 * their verdict would not either.
 *
 * <p>Cluster ids stay stable: a component keeps the id of the existing cluster holding most of its records
 * (ties: the smaller id), each existing id going to the component that holds most of that cluster's records
 * (ties: the part with more unchanged records, then the part with the lower record id); other ids in the
 * component are retired, and a component without an existing cluster gets a new id. The
 * display record of a cluster is its most complete record: one with an OCLC number, then the one with most
 * fields, then the lowest record id.
 *
 * <p>Whether a key is a stop key is judged on the counts after the batch. A key that crosses the threshold
 * changes only the clusters a batch touches: clusters formed through it earlier are verified again when a later
 * batch touches them.
 */
public final class ClusterEngine {

    private static final long NO_CLUSTER = 0;


    private final ClusterSettings settings;
    private final MatchVerifier verifier;

    public ClusterEngine(ClusterSettings settings) {
        this.settings = settings;
        this.verifier = new MatchVerifier(settings);
    }

    public ClusterSettings settings() {
        return settings;
    }

    /**
     * A component's claim on an existing cluster id: how many of that cluster's records it holds, and how many of
     * those the batch left unchanged.
     */
    private record Claim(int component, long clusterId, int records, int unchanged) {
    }

    /**
     * Plans the clusters of a neighbourhood after its batch of changes.
     *
     * @param newClusterIds supplies ids, never used before, for clusters that have none yet
     */
    public ClusterPlan plan(Neighbourhood neighbourhood, LongSupplier newClusterIds) {
        Map<Long, ClusteredRecord> stored = new HashMap<>(neighbourhood.existing().size() * 2);
        for (ClusteredRecord r : neighbourhood.existing()) {
            stored.putIfAbsent(r.record().recordId(), r);
        }
        Node[] nodes = nodes(neighbourhood, stored);
        Map<Long, Integer> counts = keyCountsAfter(neighbourhood, stored);

        ClusterGraph graph = new ClusterGraph(nodes, key -> {
            int holders = counts.getOrDefault(key, 0);
            return holders > 1 && !settings.isStopKey(holders);
        }, verifier);
        List<MatchDecision> decisions = graph.link();

        int[] component = new int[nodes.length];
        int componentCount = numberComponents(graph, component);
        long[] clusterOfComponent = assignClusterIds(nodes, component, componentCount, newClusterIds);

        Map<Long, Long> clusterOfRecord = new HashMap<>(nodes.length * 2);
        int[] display = new int[componentCount];
        Arrays.fill(display, -1);
        for (int i = 0; i < nodes.length; i++) {
            clusterOfRecord.put(nodes[i].record().recordId(), clusterOfComponent[component[i]]);
            int best = display[component[i]];
            if (best < 0 || isMoreComplete(nodes[i].record(), nodes[best].record())) {
                display[component[i]] = i;
            }
        }
        Map<Long, Long> displayRecordOfCluster = new HashMap<>(componentCount * 2);
        for (int c = 0; c < componentCount; c++) {
            displayRecordOfCluster.put(clusterOfComponent[c], nodes[display[c]].record().recordId());
        }
        Set<Long> retired = new HashSet<>();
        for (ClusteredRecord r : stored.values()) {
            if (!displayRecordOfCluster.containsKey(r.clusterId())) {
                retired.add(r.clusterId());
            }
        }
        return new ClusterPlan(
                Collections.unmodifiableMap(clusterOfRecord),
                Collections.unmodifiableMap(displayRecordOfCluster),
                Collections.unmodifiableSet(retired),
                successors(nodes, retired, clusterOfRecord),
                Collections.unmodifiableList(decisions));
    }

    /** The display record rule: one with an OCLC number, then the one with most fields, then the lowest id. */
    private static boolean isMoreComplete(MatchRecord a, MatchRecord b) {
        if (a.profile().hasOclcNumber() != b.profile().hasOclcNumber()) {
            return a.profile().hasOclcNumber();
        }
        if (a.profile().fieldCount() != b.profile().fieldCount()) {
            return a.profile().fieldCount() > b.profile().fieldCount();
        }
        return a.recordId() < b.recordId();
    }

    /** The records that exist after the batch, by record id. */
    private static Node[] nodes(Neighbourhood neighbourhood, Map<Long, ClusteredRecord> stored) {
        Set<Long> changed = new HashSet<>(neighbourhood.upserts().size() * 2);
        changed.addAll(neighbourhood.deletions());
        List<Node> nodes = new ArrayList<>(stored.size() + neighbourhood.upserts().size());
        for (MatchRecord upsert : neighbourhood.upserts()) {
            if (!changed.add(upsert.recordId())) {
                throw new IllegalArgumentException(
                        "record " + upsert.recordId() + " is upserted twice or upserted and deleted in one batch");
            }
            ClusteredRecord before = stored.get(upsert.recordId());
            nodes.add(new Node(upsert, before == null ? NO_CLUSTER : before.clusterId(), true));
        }
        for (ClusteredRecord r : stored.values()) {
            if (!changed.contains(r.record().recordId())) {
                nodes.add(new Node(r.record(), r.clusterId(), false));
            }
        }
        nodes.sort(Comparator.comparingLong(n -> n.record().recordId()));
        return nodes.toArray(Node[]::new);
    }

    /** Stored counts, less the stored keys of changed records, plus the keys of the upserts. */
    private static Map<Long, Integer> keyCountsAfter(Neighbourhood neighbourhood, Map<Long, ClusteredRecord> stored) {
        Map<Long, Integer> counts = new HashMap<>(neighbourhood.storedKeyCounts());
        List<Long> changed = new ArrayList<>(neighbourhood.deletions());
        neighbourhood.upserts().forEach(u -> changed.add(u.recordId()));
        for (long id : changed) {
            ClusteredRecord before = stored.get(id);
            if (before != null) {
                for (long key : before.record().keys()) {
                    counts.merge(key, -1, Integer::sum);
                }
            }
        }
        for (MatchRecord upsert : neighbourhood.upserts()) {
            for (long key : upsert.keys()) {
                counts.merge(key, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Numbers the components in order of their lowest record id; returns how many there are. */
    private static int numberComponents(ClusterGraph graph, int[] component) {
        int[] numberOfRoot = new int[component.length];
        Arrays.fill(numberOfRoot, -1);
        int count = 0;
        for (int i = 0; i < component.length; i++) {
            int root = graph.find(i);
            if (numberOfRoot[root] < 0) {
                numberOfRoot[root] = count++;
            }
            component[i] = numberOfRoot[root];
        }
        return count;
    }

    /**
     * Existing ids go to the components holding most of their records, largest claim first (ties: the claim with
     * more unchanged records, so a record edited away leaves the id behind; then the smaller cluster id; then the
     * component with the lower record id); the components left get new ids.
     */
    private static long[] assignClusterIds(Node[] nodes, int[] component, int componentCount,
            LongSupplier newClusterIds) {
        // the records that were in a cluster, ordered by component and cluster, so each claim is one run
        List<Integer> clustered = new ArrayList<>(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].priorCluster() != NO_CLUSTER) {
                clustered.add(i);
            }
        }
        clustered.sort(Comparator.comparingInt((Integer i) -> component[i])
                .thenComparingLong(i -> nodes[i].priorCluster()));
        List<Claim> ranked = new ArrayList<>();
        for (int run = 0; run < clustered.size(); ) {
            int first = clustered.get(run);
            int records = 0;
            int unchanged = 0;
            for (; run < clustered.size() && component[clustered.get(run)] == component[first]
                    && nodes[clustered.get(run)].priorCluster() == nodes[first].priorCluster(); run++) {
                records++;
                unchanged += nodes[clustered.get(run)].changed() ? 0 : 1;
            }
            ranked.add(new Claim(component[first], nodes[first].priorCluster(), records, unchanged));
        }
        ranked.sort(Comparator.comparingInt((Claim c) -> -c.records())
                .thenComparingInt(c -> -c.unchanged())
                .thenComparingLong(Claim::clusterId)
                .thenComparingInt(Claim::component));
        long[] clusterOfComponent = new long[componentCount];
        Set<Long> taken = new HashSet<>();
        for (Claim claim : ranked) {
            if (clusterOfComponent[claim.component()] == NO_CLUSTER && taken.add(claim.clusterId())) {
                clusterOfComponent[claim.component()] = claim.clusterId();
            }
        }
        for (int c = 0; c < componentCount; c++) {
            if (clusterOfComponent[c] == NO_CLUSTER) {
                clusterOfComponent[c] = newClusterIds.getAsLong();
            }
        }
        return clusterOfComponent;
    }

    /** For each retired cluster, the cluster now holding most of its surviving records (ties: smaller id). */
    private static Map<Long, Long> successors(Node[] nodes, Set<Long> retired, Map<Long, Long> clusterOfRecord) {
        Map<Long, Map<Long, Integer>> heirs = new HashMap<>();
        for (Node n : nodes) {
            if (retired.contains(n.priorCluster())) {
                heirs.computeIfAbsent(n.priorCluster(), k -> new HashMap<>())
                        .merge(clusterOfRecord.get(n.record().recordId()), 1, Integer::sum);
            }
        }
        Map<Long, Long> mergedInto = new HashMap<>();
        heirs.forEach((cluster, counts) -> mergedInto.put(cluster, counts.entrySet().stream()
                .min(Map.Entry.<Long, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey()));
        return Collections.unmodifiableMap(mergedInto);
    }
}
