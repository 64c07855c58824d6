package org.consortiumhub.hub.catalog;

import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.consortiumhub.catalog.search.CatalogQuery;
import org.consortiumhub.catalog.search.CatalogSearch;
import org.consortiumhub.catalog.search.ClusterIndex.ClusterDoc;
import org.consortiumhub.catalog.search.ClusterIndexSync;
import org.consortiumhub.catalog.search.SearchPage;
import org.consortiumhub.catalog.search.SearchText;
import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The replica's search index answers as PostgreSQL does, follows every change at once on this replica, and
 * follows changes other replicas make within seconds.
 */
@QuarkusTest
class SearchIndexTest {

    @Inject
    CatalogSearch search;

    @Inject
    ClusterIndexSync index;

    @Inject
    Pool pool;

    @Test
    void theIndexAndTheDatabaseFindTheSameClustersWithTheSameFacets() {
        String member = createMember();
        String key = keyOnceIndexReady(member);
        var report = CatalogIngestTest.post(key, SharedData.bytes("marc/eg_lul_fre_500.mrc"), "application/marc");
        assertTrue((int) report.path("created") > 400, report.asString());

        for (List<String> words : List.of(List.of("histoire"), List.of("france"), List.of("paris"), List.of("la", "de"),
                List.of("revue"))) {
            for (String format : new String[] { null, "book" }) {
                CatalogQuery q = new CatalogQuery(words, List.of(), format, null, null, null, member, null, 1, 100);
                SearchPage fromDatabase = search.searchDatabase(q).await().atMost(Duration.ofSeconds(10));
                SearchPage fromIndex = index.index().search(q, null);
                assertEquals(fromDatabase.total(), fromIndex.total(), "total for " + words + " " + format);
                assertEquals(fromDatabase.facets(), fromIndex.facets(), "facets for " + words + " " + format);
                if (fromDatabase.total() <= 100) {
                    assertEquals(ids(fromDatabase), ids(fromIndex), "clusters for " + words + " " + format);
                }
            }
        }
    }

    @Test
    void batchesThisReplicaWritesAreIndexedAsTheCatalogHoldsThemWithoutReadingThemBack() {
        String a = createMember();
        String b = createMember();
        String keyA = keyOnceIndexReady(a);
        String keyB = createApiKey(b);
        long before = index.appliedWithoutReading();
        CatalogIngestTest.post(keyA, SharedData.bytes("marc/perf_1k_bib_Create.mrc"), "application/marc");
        // The second member's copies join the first member's clusters: their rows are rewritten with both members.
        CatalogIngestTest.post(keyB, SharedData.bytes("marc/perf_2k_bib_Create.mrc"), "application/marc");
        assertTrue(index.appliedWithoutReading() > before, "the batches were indexed from the rows their ingest wrote");

        List<Long> clusters = new java.util.ArrayList<>();
        pool.preparedQuery("select distinct r.cluster_id from catalog_record r join member_library m"
                + " on m.id = r.member_id where m.code = $1 order by 1").execute(Tuple.of(a)).await().indefinitely()
                .forEach(r -> clusters.add(r.getLong(0)));
        assertEquals(1000, clusters.size());
        // Every 7th cluster: each of its terms finds it, and the hit shows what the catalog holds.
        for (int i = 0; i < clusters.size(); i += 7) {
            ClusterDoc held = index.fromCatalog(List.of(clusters.get(i))).get(0);
            SearchPage.ClusterHit expected = new SearchPage.ClusterHit(held.id(), held.title(), held.author(), held.year(),
                    held.format(), held.language(), held.recordCount(), held.holdings());
            assertTrue(held.recordCount() >= 2, "cluster " + held.id() + " holds both members' copies");
            List<String> terms = new java.util.ArrayList<>(held.displayTerms().keySet());
            terms.addAll(held.identifierTerms());
            assertTrue(held.displayTerms().containsValue('A'), "cluster " + held.id() + " has title words");
            for (String term : terms) {
                SearchPage page = index.index().search(new CatalogQuery(List.of(term), List.of(), null, null, null, null,
                        b, held.lendable(), 1, 10), List.of(held.id()));
                assertEquals(1, page.total(), "cluster " + held.id() + " by " + term);
                assertEquals(expected, page.hits().get(0), "cluster " + held.id());
            }
        }
    }

    @Test
    void aWithdrawnRecordLeavesTheIndexBeforeTheAnswerReturns() {
        String member = createMember();
        String key = keyOnceIndexReady(member);
        CatalogIngestTest.post(key, CatalogIngestTest.marcXml("idx-1", "9780262033848", "Quixotic zebra almanac",
                "Cormen, Thomas", "2009", "1292 p."), "application/marcxml+xml");
        asAdmin().queryParam("q", "quixotic zebra").get("/api/v1/catalog/search").then().body("total", equalTo(1));
        withKey(key).delete("/api/v1/catalog/records/{id}", "idx-1").then().statusCode(204);
        asAdmin().queryParam("q", "quixotic zebra").get("/api/v1/catalog/search").then().body("total", equalTo(0));
    }

    @Test
    void changesAnotherReplicaMadeArriveWithinSeconds() {
        String member = createMember();
        String key = keyOnceIndexReady(member);
        long cluster = clusterOf(key, "idx-2", "9780131103627", "Original wording");
        // What another replica's ingest would leave: the cluster row rewritten and the change numbered.
        retitle(cluster, "Platypus lexicon");
        pool.preparedQuery("insert into catalog_cluster_change (cluster_id) values ($1)").execute(Tuple.of(cluster))
                .await().indefinitely();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            SearchPage page = index.index().search(new CatalogQuery(SearchText.tokens("platypus lexicon"), List.of(), null,
                    null, null, null, null, null, 1, 10), null);
            return page.total() == 1 && page.hits().get(0).title().equals("Platypus lexicon");
        });
    }

    @Test
    void aReplicaThatMissedPrunedChangesRebuildsAndStaysRight() {
        String member = createMember();
        String key = keyOnceIndexReady(member);
        long cluster = ((Number) CatalogIngestTest.post(key, CatalogIngestTest.marcXml("idx-3", "9780596007126",
                "Pelican quarterly digest", "Freeman, Eric", "2004", "638 p."), "application/marcxml+xml")
                .path("records[0].clusterId")).longValue();
        // Changes older than the retention, which this replica has not applied yet.
        long old = pool.preparedQuery("insert into catalog_cluster_change (cluster_id, changed_at)"
                + " values ($1, now() - interval '3 days') returning seq").execute(Tuple.of(cluster)).await().indefinitely()
                .iterator().next().getLong(0);
        index.prune().await().atMost(Duration.ofSeconds(10));
        assertEquals(0L, pool.preparedQuery("select count(*) from catalog_cluster_change where seq = $1").execute(Tuple.of(old))
                .await().indefinitely().iterator().next().getLong(0), "the old change is pruned");
        long pruned = pool.query("select upto_seq from catalog_change_pruned").execute().await().indefinitely()
                .iterator().next().getLong(0);
        assertTrue(pruned >= old, "the pruning is recorded");

        index.refresh().await().atMost(Duration.ofSeconds(30));
        assertTrue(index.index().seq() >= pruned, "the index was rebuilt past the pruned changes");
        asAdmin().queryParam("q", "pelican quarterly").get("/api/v1/catalog/search").then().body("total", equalTo(1));
    }

    @Test
    void anIndexAheadOfARestoredCatalogIsRebuilt() {
        String member = createMember();
        String key = keyOnceIndexReady(member);
        long cluster = clusterOf(key, "idx-4", "9780201633610", "Walrus almanac");
        asAdmin().queryParam("q", "walrus almanac").get("/api/v1/catalog/search").then().body("total", equalTo(1));
        long applied = index.index().seq();
        // What restoring an older backup leaves: the cluster as it was then, and none of the changes numbered since.
        retitle(cluster, "Narwhal almanac");
        pool.query("delete from catalog_cluster_change where seq > (select upto_seq from catalog_change_pruned)")
                .execute().await().indefinitely();

        index.refresh().await().atMost(Duration.ofSeconds(30));
        assertTrue(index.index().seq() < applied, "the index now stands where the restored catalog does");
        asAdmin().queryParam("q", "narwhal almanac").get("/api/v1/catalog/search").then().body("total", equalTo(1))
                .body("results[0].title", equalTo("Narwhal almanac"));
        asAdmin().queryParam("q", "walrus almanac").get("/api/v1/catalog/search").then().body("total", equalTo(0));
    }

    /** Posts a one-record batch and answers with the record's cluster. */
    private static long clusterOf(String key, String localId, String isbn, String title) {
        return ((Number) CatalogIngestTest.post(key, CatalogIngestTest.marcXml(localId, isbn, title, "Kernighan, Brian",
                "1988", "272 p."), "application/marcxml+xml").path("records[0].clusterId")).longValue();
    }

    /** Rewrites a cluster's title and search words straight in the database, without numbering the change. */
    private void retitle(long cluster, String title) {
        String vector = java.util.Arrays.stream(title.toLowerCase().split(" ")).map(w -> "'" + w + "':1A")
                .collect(Collectors.joining(" "));
        pool.preparedQuery("update catalog_cluster set title = $2, search = $3::tsvector where id = $1")
                .execute(Tuple.of(cluster, title, vector)).await().indefinitely();
    }

    /** Waits for this replica's index (built at start), then issues an adapter key for the member. */
    private String keyOnceIndexReady(String member) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(index::isReady);
        return createApiKey(member);
    }

    private static Set<Long> ids(SearchPage page) {
        return page.hits().stream().map(SearchPage.ClusterHit::clusterId).collect(Collectors.toSet());
    }
}
