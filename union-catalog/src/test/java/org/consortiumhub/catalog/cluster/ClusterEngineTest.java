package org.consortiumhub.catalog.cluster;

import static org.consortiumhub.catalog.support.MarcText.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.junit.jupiter.api.Test;

/** The engine's contract with storage: what a plan says for a given neighbourhood. */
class ClusterEngineTest {

    private final ClusterEngine engine = new ClusterEngine(ClusterSettings.DEFAULTS);
    private final AtomicLong lastClusterId = new AtomicLong(100);

    private static MatchRecord pride(long recordId, String oclc) {
        return MatchRecord.of(recordId, ManifestationProfile.of(record(
                "008 950814s1995    enk           000 1 eng d", "035   $a(OCoLC)" + oclc,
                "245 10$aPride and prejudice /$cJane Austen.", "300   $a345 p.")));
    }

    /** Stored counts as storage would supply them for a neighbourhood of stored records. */
    private static Map<Long, Integer> counts(List<ClusteredRecord> stored) {
        Map<Long, Integer> counts = new HashMap<>();
        stored.forEach(r -> {
            for (long key : r.record().keys()) {
                counts.merge(key, 1, Integer::sum);
            }
        });
        return counts;
    }

    @Test
    void aMergedComponentKeepsTheIdOfTheClusterHoldingMostOfItsRecords() {
        List<ClusteredRecord> stored = List.of(
                new ClusteredRecord(20, pride(1, "111")),
                new ClusteredRecord(10, pride(2, "222")),
                new ClusteredRecord(20, pride(3, "111")));
        MatchRecord bridge = MatchRecord.of(4, ManifestationProfile.of(record(
                "008 950814s1995    enk           000 1 eng d", "035   $a(OCoLC)111", "035   $a(OCoLC)222",
                "245 10$aPride and prejudice", "300   $a345 p.")));

        ClusterPlan plan = engine.plan(new Neighbourhood(List.of(bridge), Set.of(), stored, counts(stored)),
                lastClusterId::incrementAndGet);

        assertEquals(Map.of(1L, 20L, 2L, 20L, 3L, 20L, 4L, 20L), plan.clusterOfRecord());
        assertEquals(Set.of(10L), plan.retiredClusters());
        assertEquals(Map.of(10L, 20L), plan.mergedInto());
        assertEquals(Map.of(20L, 4L), plan.displayRecordOfCluster(), "most fields: two OCLC numbers");
        assertEquals(100, lastClusterId.get(), "no new id was needed");
        assertTrue(plan.decisions().stream().allMatch(MatchDecision::accepted));
    }

    @Test
    void aNewManifestationGetsANewIdAndADeletedLastRecordRetiresItsCluster() {
        List<ClusteredRecord> stored = List.of(new ClusteredRecord(10, pride(1, "111")));
        ClusterPlan plan = engine.plan(new Neighbourhood(List.of(pride(2, "999")), Set.of(1L), stored,
                counts(stored)), lastClusterId::incrementAndGet);

        assertEquals(Map.of(2L, 101L), plan.clusterOfRecord());
        assertEquals(Set.of(10L), plan.retiredClusters());
        assertTrue(plan.mergedInto().isEmpty());
    }

    @Test
    void samePlanForTheSameNeighbourhood() {
        List<ClusteredRecord> stored = List.of(
                new ClusteredRecord(10, pride(1, "111")), new ClusteredRecord(11, pride(2, "222")));
        Neighbourhood neighbourhood = new Neighbourhood(List.of(pride(3, "111"), pride(4, "222")), Set.of(), stored,
                counts(stored));
        assertEquals(engine.plan(neighbourhood, new AtomicLong(100)::incrementAndGet),
                engine.plan(neighbourhood, new AtomicLong(100)::incrementAndGet));
    }

    @Test
    void aRecordCannotBeUpsertedAndDeletedInOneBatch() {
        Neighbourhood neighbourhood = new Neighbourhood(List.of(pride(1, "111")), Set.of(1L), List.of(), Map.of());
        assertThrows(IllegalArgumentException.class, () -> engine.plan(neighbourhood, lastClusterId::incrementAndGet));
    }
}
