package org.consortiumhub.catalog.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.consortiumhub.catalog.match.MatchKey;

/**
 * The records of a neighbourhood as a graph whose edges are verified candidate pairs, grouped into connected
 * components.
 *
 * <p>Records sharing an identifier are joined greedily, strongest kind of identifier first: a shared OCLC number,
 * LCCN, ISBN or ISSN that verification accepts is evidence enough. Records sharing only the descriptive key are
 * joined with more care, because a brief record links to every fuller record it is compatible with: a copy
 * without its subtitle matches both "Test fuels. Part 1" and "Test fuels. Part 2". Two components are joined
 * through a descriptive match only when no pair across them that shares a key is rejected.
 */
final class ClusterGraph {

    /** A record of the neighbourhood after the batch, with the cluster it was in before (0 for none). */
    record Node(MatchRecord record, long priorCluster, boolean changed) {
    }

    /** Two records the descriptive key matched, waiting to be joined. */
    private record DescriptiveMatch(int i, int j, MatchDecision decision) {
    }

    private final Node[] nodes;
    /** Each record's keys that propose candidates: held by another record too, and not stop keys. */
    private final long[][] proposingKeys;
    private final MatchVerifier verifier;
    private final int[] parent;
    private final List<List<Integer>> members;
    private final Map<Long, MatchDecision> verdicts;
    private final List<MatchDecision> decisions = new ArrayList<>();

    /**
     * @param proposes whether a key proposes candidates: it is held by more than one record and is not a stop key
     */
    ClusterGraph(Node[] nodes, LongPredicate proposes, MatchVerifier verifier) {
        this.nodes = nodes;
        this.verifier = verifier;
        this.proposingKeys = new long[nodes.length][];
        this.parent = new int[nodes.length];
        this.members = new ArrayList<>(nodes.length);
        this.verdicts = new HashMap<>(nodes.length * 4);
        for (int i = 0; i < nodes.length; i++) {
            proposingKeys[i] = filter(nodes[i].record().keys(), proposes);
            parent[i] = i;
            members.add(null);
        }
    }

    /** Verifies the candidate pairs and joins the accepted ones; returns the decisions taken, in order. */
    List<MatchDecision> link() {
        Map<Long, List<Integer>> holders = new HashMap<>(nodes.length * 4);
        for (int i = 0; i < nodes.length; i++) {
            for (long key : proposingKeys[i]) {
                holders.computeIfAbsent(key, k -> new ArrayList<>(2)).add(i);
            }
        }
        List<Long> sharedKeys = new ArrayList<>();
        holders.forEach((key, holding) -> {
            if (holding.size() > 1) {
                sharedKeys.add(key);
            }
        });
        sharedKeys.sort(Long::compareUnsigned); // the kind is in the top bits: OCLC numbers first, descriptive last

        List<DescriptiveMatch> descriptiveMatches = new ArrayList<>();
        for (long key : sharedKeys) {
            boolean identifier = MatchKey.kindOf(key).isIdentifier();
            List<Integer> holding = holders.get(key);
            for (int x = 0; x < holding.size(); x++) {
                for (int y = x + 1; y < holding.size(); y++) {
                    int i = holding.get(x);
                    int j = holding.get(y);
                    if (unchangedApart(i, j) || find(i) == find(j) || verdicts.containsKey(pair(i, j))) {
                        continue;
                    }
                    MatchDecision decision = verify(i, j);
                    if (!decision.accepted()) {
                        decisions.add(decision);
                    } else if (identifier) {
                        decisions.add(decision);
                        union(i, j);
                    } else {
                        descriptiveMatches.add(new DescriptiveMatch(i, j, decision));
                    }
                }
            }
        }
        descriptiveMatches.forEach(this::joinIfCompatible);
        return decisions;
    }

    /** The root of a record's component. */
    int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Two records that are unchanged and were in different clusters: nothing about them changed, so they were
     * judged apart before and need no new verdict.
     */
    private boolean unchangedApart(int i, int j) {
        return !nodes[i].changed() && !nodes[j].changed() && nodes[i].priorCluster() != nodes[j].priorCluster();
    }

    private void joinIfCompatible(DescriptiveMatch candidate) {
        int i = candidate.i();
        int j = candidate.j();
        MatchDecision match = candidate.decision();
        if (find(i) == find(j)) {
            decisions.add(match);
            return;
        }
        for (int p : membersOf(find(i))) {
            for (int q : membersOf(find(j))) {
                if (sharesProposingKey(p, q)) {
                    MatchDecision across = verdicts.containsKey(pair(p, q)) ? verdicts.get(pair(p, q)) : verify(p, q);
                    if (!across.accepted()) {
                        decisions.add(new MatchDecision(match.recordA(), match.recordB(), false, match.evidence(),
                                "would join records " + across.recordA() + " and " + across.recordB() + ": "
                                        + across.reason()));
                        return;
                    }
                }
            }
        }
        decisions.add(match);
        union(i, j);
    }

    private MatchDecision verify(int i, int j) {
        Node a = nodes[i];
        Node b = nodes[j];
        MatchDecision decision = verifier.verify(a.record().recordId(), a.record().profile(),
                b.record().recordId(), b.record().profile(), strongestSharedKey(proposingKeys[i], proposingKeys[j]));
        verdicts.put(pair(i, j), decision);
        return decision;
    }

    private static long[] filter(long[] keys, LongPredicate keep) {
        long[] kept = new long[keys.length];
        int n = 0;
        for (long key : keys) {
            if (keep.test(key)) {
                kept[n++] = key;
            }
        }
        return n == keys.length ? kept : Arrays.copyOf(kept, n);
    }

    private static MatchKey.Kind strongestSharedKey(long[] a, long[] b) {
        long strongest = -1; // unsigned maximum
        for (long key : a) {
            if (Long.compareUnsigned(key, strongest) < 0 && contains(b, key)) {
                strongest = key;
            }
        }
        return MatchKey.kindOf(strongest);
    }

    private boolean sharesProposingKey(int p, int q) {
        for (long key : proposingKeys[p]) {
            if (contains(proposingKeys[q], key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(long[] keys, long key) {
        for (long k : keys) {
            if (k == key) {
                return true;
            }
        }
        return false;
    }

    /**
     * One number per pair of records. Multiplied by an odd constant (a one-to-one mapping), so that its bits are spread:
     * {@code i * n + j} itself left many pairs in one bucket of the verdicts' hash map whenever n had a large power of
     * two as a factor.
     */
    private long pair(int i, int j) {
        long ordered = i < j ? (long) i * nodes.length + j : (long) j * nodes.length + i;
        return ordered * 0x9E3779B97F4A7C15L;
    }

    /** The records of the component with this root (made on first use: most records stay alone). */
    private List<Integer> membersOf(int root) {
        List<Integer> m = members.get(root);
        if (m == null) {
            m = new ArrayList<>(2);
            m.add(root);
            members.set(root, m);
        }
        return m;
    }

    /** Joins two components, the smaller into the larger. */
    private void union(int i, int j) {
        int larger = find(i);
        int smaller = find(j);
        if (membersOf(larger).size() < membersOf(smaller).size()) {
            int swap = larger;
            larger = smaller;
            smaller = swap;
        }
        membersOf(larger).addAll(membersOf(smaller));
        members.set(smaller, null);
        parent[smaller] = larger;
    }
}
