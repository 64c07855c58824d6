package org.consortiumhub.catalog.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.consortiumhub.catalog.cluster.InMemoryUnionCatalog.LocalRecordId;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.support.DerivedCatalog;
import org.consortiumhub.catalog.support.DerivedCatalog.Copy;
import org.consortiumhub.catalog.support.PairCounts;

/**
 * How fast records are profiled, keyed and clustered in memory, printed rather than asserted (timings in unit
 * tests only flake). The real source records of {@link DerivedCatalog} are scaled up by reissues (later printings
 * under their own identifiers) and derived into five members' catalogues, then loaded in batches of 500, the
 * members' batches interleaved, through {@link InMemoryUnionCatalog} as storage would load them. Deriving the
 * records is not timed; profiling (key extraction) and clustering are. A first round of 100,000 records warms the JIT,
 * then three rounds are measured. Clustering is single-threaded; run it on the 2-core machine the ingest target
 * is set for (the second core does garbage collection and compilation), with the number of records as argument
 * (default 200,000):
 *
 * <pre>
 * ./mvnw -q -pl union-catalog test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Denforcer.skip
 * java -Xms2g -Xmx2g -Dhub.shared.data=../shared/data \
 *     -cp union-catalog/target/classes:union-catalog/target/test-classes:$(cat union-catalog/target/cp.txt) \
 *     org.consortiumhub.catalog.cluster.ClusteringBenchmark 200000
 * </pre>
 */
public final class ClusteringBenchmark {

    private static final int MEMBERS = 5;
    private static final double HOLDING_SHARE = 0.45;
    private static final int BATCH = 500;
    private static final int WARM_UP_RECORDS = 100_000;
    private static final int ROUNDS = 3;

    private ClusteringBenchmark() {
    }

    private record Batch(String member, List<MarcRecord> records) {
    }

    public static void main(String[] args) {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<MarcRecord> sources = DerivedCatalog.sources();
        System.out.printf("%,d real source records, scaled up to %,d records of %d members%n", sources.size(), target,
                MEMBERS);
        run("warm-up", sources, Math.min(WARM_UP_RECORDS, target));
        for (int round = 1; round <= ROUNDS; round++) {
            run("round " + round, sources, target);
        }
    }

    /**
     * Loads the target number of records, one generation of reissues at a time so that only the catalog stays in
     * memory, as it would in storage, and not every record ever derived.
     */
    private static void run(String round, List<MarcRecord> sources, int target) {
        InMemoryUnionCatalog catalog = new InMemoryUnionCatalog(new ClusterEngine(ClusterSettings.DEFAULTS));
        Map<LocalRecordId, Integer> sourceOf = new HashMap<>();
        long profiling = 0;
        long loading = 0;
        for (int generation = 0; sourceOf.size() < target; generation++) {
            int reissue = generation;
            List<MarcRecord> printing = generation == 0 ? sources
                    : sources.stream().map(s -> DerivedCatalog.reissue(s, reissue)).toList();
            List<Copy> copies = DerivedCatalog.derive(printing, generation * sources.size(), MEMBERS, HOLDING_SHARE,
                    20_240_601L + generation);
            copies = copies.subList(0, Math.min(copies.size(), target - sourceOf.size()));

            long start = System.nanoTime();
            for (Copy c : copies) {
                ManifestationProfile.of(c.record()).matchKeyHashes();
            }
            profiling += System.nanoTime() - start;
            for (Batch batch : interleavedBatches(copies)) {
                long batchStart = System.nanoTime();
                catalog.load(batch.member(), batch.records());
                loading += System.nanoTime() - batchStart;
            }
            copies.forEach(c -> sourceOf.put(new LocalRecordId(c.member(), c.record().controlNumber()), c.source()));
        }
        report(round + ", profile and keys only", target, profiling);
        report(round + ", profile, keys and clustering", target, loading);
        PairCounts pairs = PairCounts.of(catalog.clusters(), sourceOf);
        System.out.printf("  %,d clusters; pairwise precision %.4f, recall %.4f%n", catalog.clusterCount(),
                pairs.precision(), pairs.recall());
    }

    /** Each member's records in batches, the members taking turns as their adapters would. */
    private static List<Batch> interleavedBatches(List<Copy> catalogue) {
        Map<String, List<MarcRecord>> byMember = new TreeMap<>();
        catalogue.forEach(c -> byMember.computeIfAbsent(c.member(), m -> new ArrayList<>()).add(c.record()));
        List<Batch> batches = new ArrayList<>();
        int longest = byMember.values().stream().mapToInt(List::size).max().orElse(0);
        for (int from = 0; from < longest; from += BATCH) {
            for (Map.Entry<String, List<MarcRecord>> member : byMember.entrySet()) {
                List<MarcRecord> records = member.getValue();
                if (from < records.size()) {
                    int to = Math.min(records.size(), from + BATCH);
                    batches.add(new Batch(member.getKey(), records.subList(from, to)));
                }
            }
        }
        return batches;
    }

    private static void report(String what, int records, long nanos) {
        System.out.printf("%-45s %,d records in %.2f s = %,.0f records/s%n", what, records, nanos / 1e9,
                records / (nanos / 1e9));
    }
}
