package org.consortiumhub.catalog.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consortiumhub.catalog.cluster.InMemoryUnionCatalog.LocalRecordId;

/** Pairwise counts over all record pairs: a true pair is two copies of one source record. */
public record PairCounts(long truePairs, long foundPairs, long correctPairs) {

    public static PairCounts of(Map<Long, List<LocalRecordId>> clusters, Map<LocalRecordId, Integer> sourceOf) {
        Map<Integer, Integer> copiesOfSource = new HashMap<>();
        sourceOf.values().forEach(s -> copiesOfSource.merge(s, 1, Integer::sum));
        long truePairs = copiesOfSource.values().stream().mapToLong(PairCounts::pairs).sum();
        long found = 0;
        long correct = 0;
        for (List<LocalRecordId> members : clusters.values()) {
            found += pairs(members.size());
            Map<Integer, Integer> bySource = new HashMap<>();
            members.forEach(m -> bySource.merge(sourceOf.get(m), 1, Integer::sum));
            correct += bySource.values().stream().mapToLong(PairCounts::pairs).sum();
        }
        return new PairCounts(truePairs, found, correct);
    }

    private static long pairs(int n) {
        return (long) n * (n - 1) / 2;
    }

    public double precision() {
        return foundPairs == 0 ? 1 : (double) correctPairs / foundPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }
}
