package org.consortiumhub.catalog.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.consortiumhub.catalog.search.ClusterIndex.ClusterDoc;
import org.consortiumhub.catalog.search.SearchPage.ClusterHit;
import org.consortiumhub.catalog.search.SearchPage.MemberHolding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterIndexTest {

    @TempDir
    Path dir;

    private static CatalogQuery keywords(String... words) {
        return new CatalogQuery(List.of(words), List.of(), null, null, null, null, null, null, 1, 10);
    }

    @Test
    void aHitShowsTheClustersHoldingsAsIndexedAndTheCatalogSurvivesARestart() {
        List<MemberHolding> holdings = List.of(new MemberHolding("NP-कठमाडौं", 2, 1), new MemberHolding("US-ab\"c", 0, 0));
        ClusterDoc doc = new ClusterDoc(7, "Muna Madan", "Devkota", 1936, "BOOK", "nep", 2, holdings, true,
                Map.of("muna", 'A', "madan", 'A', "devkota", 'B'), List.of("9789937000000"));
        try (ClusterIndex index = new ClusterIndex(dir)) {
            index.apply(List.of(doc), List.of(), 41, "catalog-1");
            index.commit();
            SearchPage page = index.search(keywords("madan"), null);
            assertEquals(List.of(new ClusterHit(7, "Muna Madan", "Devkota", 1936, "BOOK", "nep", 2, holdings)), page.hits());
        }
        try (ClusterIndex reopened = new ClusterIndex(dir)) {
            assertEquals("catalog-1", reopened.catalog());
            assertEquals(41, reopened.seq());
            assertEquals(holdings, reopened.search(keywords("devkota"), null).hits().get(0).holdings());
        }
    }

    @Test
    void anIndexWrittenInAnEarlierLayoutNamesNoCatalogSoItIsRebuilt() throws Exception {
        // What an earlier version of the hub left: its catalog and change number, but no layout.
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter old = new IndexWriter(directory, new IndexWriterConfig())) {
            old.setLiveCommitData(Map.of("seq", "12", "catalog", "catalog-1").entrySet());
            old.commit();
        }
        try (ClusterIndex index = new ClusterIndex(dir)) {
            assertNull(index.catalog(), "an index in another layout is not taken for the catalog's");
        }
    }
}
