package org.consortiumhub.catalog.cluster;

import static org.consortiumhub.catalog.support.MarcText.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.junit.jupiter.api.Test;

/** Clustering behaviour, driven batch by batch through the in-memory catalog as storage drives it. */
class InMemoryUnionCatalogTest {

    private final InMemoryUnionCatalog catalog = new InMemoryUnionCatalog(new ClusterEngine(ClusterSettings.DEFAULTS));

    /** A printed book of 1995 with the given 001 and fields. */
    private static MarcRecord book(String id, String... fields) {
        List<String> lines = new ArrayList<>(List.of("001 " + id, "008 950814s1995    enk           000 1 eng d"));
        lines.addAll(List.of(fields));
        return record(lines.toArray(String[]::new));
    }

    private long clusterOf(String member, String id) {
        return catalog.clusterOf(member, id).orElseThrow();
    }

    @Test
    void copiesSharingAnOclcNumberClusterThoughTheirTitlesDiffer() {
        catalog.load("A", List.of(book("a1", "035   $a(OCoLC)ocm00012345",
                "245 10$aPride and prejudice :$ba novel in three volumes /$cJane Austen.")));
        catalog.load("B", List.of(book("b1", "035   $a(OCoLC)12345", "245 10$aPride & prejudice.")));
        assertEquals(clusterOf("A", "a1"), clusterOf("B", "b1"));
    }

    @Test
    void isbn10AndIsbn13CopiesCluster() {
        catalog.load("A", List.of(book("a1", "020   $a0-19-953556-6", "245 10$aPride and prejudice /")));
        catalog.load("B", List.of(book("b1", "020   $a9780199535569 (paperback)", "245 10$aPride and prejudice")));
        assertEquals(clusterOf("A", "a1"), clusterOf("B", "b1"));
    }

    @Test
    void theEbookOfAPrintedBookIsAnotherManifestationThoughTheyShareAnIsbn() {
        catalog.load("A", List.of(book("a1", "020   $a0199535566", "245 10$aPride and prejudice")));
        ClusterPlan plan = catalog.load("B", List.of(record("001 b1", "007 cr un mmmapmmp",
                "008 950814s1995    enk     o     000 1 eng d", "020   $a0199535566",
                "245 10$aPride and prejudice")));
        assertNotEquals(clusterOf("A", "a1"), clusterOf("B", "b1"));
        assertEquals("formats differ: BOOK / EBOOK", plan.decisions().get(0).reason());
    }

    @Test
    void eachDecisionSaysWhyWithTheTitleSimilarityToTwoDecimals() {
        catalog.load("A", List.of(book("a1", "020   $a0199535566", "245 10$aPride and prejudice")));
        ClusterPlan joined = catalog.load("B", List.of(book("b1", "020   $a9780199535569", "245 10$aPride and prejudice")));
        assertEquals("same ISBN; title similarity 1.00", joined.decisions().get(0).reason());
        ClusterPlan apart = catalog.load("C", List.of(book("c1", "020   $a0199535566", "245 10$aSense and sensibility")));
        List<String> refused = apart.decisions().stream().filter(d -> !d.accepted()).map(MatchDecision::reason).toList();
        assertEquals(2, refused.size(), apart.decisions().toString());
        refused.forEach(reason -> assertTrue(reason.matches("titles differ: similarity 0\\.\\d\\d below 0\\.70"), reason));
        assertEquals("0.07", MatchVerifier.twoDecimals(0.0749));
        assertEquals("0.50", MatchVerifier.twoDecimals(0.5));
        assertEquals("1.00", MatchVerifier.twoDecimals(0.999));
    }

    /**
     * Seventy different publications with the two most generic titles of government and institutional
     * collections: annual reports of different bodies and years, and hearings of one committee that differ only
     * in date, extent or serial number. A peer's key-union clustering put 70 such documents into one cluster.
     */
    @Test
    void genericTitlesDoNotMerge() {
        String[] bodies = {"Smithsonian Institution", "Federal Reserve Board", "Carnegie Corporation of New York",
            "Bodleian Library", "Australian Broadcasting Corporation", "National Library of Wales",
            "Rockefeller Foundation"};
        List<MarcRecord> documents = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            String body = bodies[i % bodies.length];
            documents.add(record("001 report" + i, "008 950814s" + (1990 + i / 7) + "    xxu           000 0 eng d",
                    "110 2 $a" + body + ".", "245 10$aAnnual report /$c" + body + ".",
                    "260   $a[S.l.] :$b" + body + ",$c" + (1990 + i / 7) + ".", "300   $a" + (60 + i) + " p."));
        }
        for (int i = 0; i < 35; i++) {
            documents.add(record("001 hearing" + i, "008 950814s" + (1983 + i % 5) + "    dcu           000 0 eng d",
                    "110 1 $aUnited States.$bCongress.$bHouse.$bCommittee on Foreign Affairs.",
                    "245 10$aHearing before the Committee on Foreign Affairs, House of Representatives.",
                    "260   $aWashington :$bU.S. G.P.O.,$c" + (1983 + i % 5) + ".",
                    "300   $aiii, " + (40 + 37 * (i / 5)) + " p. ;$c24 cm.",
                    "490 1 $aSerial no. 98-" + (100 + i)));
        }
        catalog.load("GOVDOCS", documents);
        assertEquals(70, catalog.clusterCount());

        catalog.load("OTHER", List.of(documents.get(3), documents.get(40)));
        assertEquals(70, catalog.clusterCount(), "another member's copies of two of them join their clusters");
    }

    @Test
    void aCopyWithoutItsSubtitleDoesNotChainTwoPartsTogether() {
        catalog.load("A", List.of(
                book("part1", "245 10$aDomestic solid fuel burning appliances :$btest fuels. Part 1, Hardwood.",
                        "300   $a8 p."),
                book("part2", "245 10$aDomestic solid fuel burning appliances :$btest fuels. Part 2, Softwood.",
                        "300   $a8 p.")));
        catalog.load("B", List.of(book("brief", "245 10$aDomestic solid fuel burning appliances.", "300   $a8 p.")));
        assertNotEquals(clusterOf("A", "part1"), clusterOf("A", "part2"));
        assertEquals(2, catalog.clusterCount());
    }

    @Test
    void aKeyHeldByMoreRecordsThanTheThresholdProposesNoCandidates() {
        ClusterSettings threeRecordsPerKey = new ClusterSettings(3, 0.5, 0.7, 0.9);
        InMemoryUnionCatalog strict = new InMemoryUnionCatalog(new ClusterEngine(threeRecordsPerKey));
        List<MarcRecord> copies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            copies.add(book("c" + i, "020   $a0199535566", "245 10$aPride and prejudice"));
        }
        strict.load("A", copies);
        assertEquals(1, strict.clusterCount());

        // a fourth record makes the ISBN and the descriptive key stop keys: nothing proposes the pairs any more
        strict.load("A", List.of(book("c3", "020   $a0199535566", "245 10$aPride and prejudice")));
        assertEquals(4, strict.clusterCount());
    }

    @Test
    void deletingTheRecordThatBridgedTwoGroupsSplitsTheClusterAndTheBiggerPartKeepsItsId() {
        catalog.load("A", List.of(
                book("x1", "035   $a(OCoLC)111", "245 10$aPride and prejudice"),
                book("x2", "035   $a(OCoLC)111", "245 10$aPride and prejudice"),
                book("x3", "035   $a(OCoLC)111", "245 10$aPride and prejudice")));
        catalog.load("B", List.of(
                book("y1", "035   $a(OCoLC)222", "245 10$aPride & prejudice"),
                book("y2", "035   $a(OCoLC)222", "245 10$aPride & prejudice")));
        long bigger = clusterOf("A", "x1");
        long smaller = clusterOf("B", "y1");
        assertNotEquals(bigger, smaller);

        ClusterPlan merge = catalog.load("C", List.of(book("bridge", "035   $a(OCoLC)111", "035   $a(OCoLC)222",
                "245 10$aPride and prejudice")));
        assertEquals(1, catalog.clusterCount());
        assertEquals(bigger, clusterOf("B", "y1"));
        assertEquals(Set.of(smaller), merge.retiredClusters());
        assertEquals(bigger, merge.mergedInto().get(smaller));

        catalog.delete("C", List.of("bridge"));
        assertEquals(2, catalog.clusterCount());
        assertEquals(bigger, clusterOf("A", "x1"));
        assertEquals(bigger, clusterOf("A", "x3"));
        long split = clusterOf("B", "y1");
        assertEquals(split, clusterOf("B", "y2"));
        assertTrue(split != bigger && split != smaller, "the split-off part gets a new id, retired ids stay retired");
    }

    @Test
    void aRecordEditedIntoAnotherManifestationLeavesItsClusterWhichKeepsItsId() {
        catalog.load("A", List.of(book("a1", "035   $a(OCoLC)111", "245 10$aPride and prejudice")));
        catalog.load("B", List.of(book("b1", "035   $a(OCoLC)111", "245 10$aPride and prejudice")));
        long cluster = clusterOf("B", "b1");

        catalog.load("A", List.of(book("a1", "035   $a(OCoLC)999", "245 10$aSense and sensibility")));
        assertEquals(cluster, clusterOf("B", "b1"));
        assertNotEquals(cluster, clusterOf("A", "a1"));
    }

    @Test
    void unrelatedChangesAndReplayedBatchesKeepClusterIds() {
        List<MarcRecord> batch = List.of(
                book("a1", "035   $a(OCoLC)111", "245 10$aPride and prejudice"),
                book("a2", "035   $a(OCoLC)222", "245 10$aSense and sensibility"));
        catalog.load("A", batch);
        Set<Long> before = new HashSet<>(catalog.clusters().keySet());

        catalog.load("B", List.of(book("b1", "245 10$aEmma", "300   $a474 p.")));
        ClusterPlan replay = catalog.load("A", batch);

        assertTrue(catalog.clusters().keySet().containsAll(before));
        assertTrue(replay.retiredClusters().isEmpty());
        assertEquals(3, catalog.clusterCount());
    }

    @Test
    void theDisplayRecordIsTheMostCompleteRecord() {
        catalog.load("A", List.of(book("brief", "020   $a0199535566", "245 10$aPride and prejudice")));
        catalog.load("B", List.of(book("full", "020   $a0199535566", "035   $a(OCoLC)12345",
                "245 10$aPride and prejudice", "300   $a345 p.")));
        catalog.load("C", List.of(book("long", "020   $a0199535566", "245 10$aPride and prejudice",
                "300   $a345 p.", "500   $aA note.", "650  0$aSisters$vFiction.", "650  0$aEngland$vFiction.")));
        long cluster = clusterOf("A", "brief");
        assertEquals(new InMemoryUnionCatalog.LocalRecordId("B", "full"), catalog.displayRecord(cluster));

        catalog.delete("B", List.of("full"));
        assertEquals(new InMemoryUnionCatalog.LocalRecordId("C", "long"), catalog.displayRecord(cluster));
    }
}
