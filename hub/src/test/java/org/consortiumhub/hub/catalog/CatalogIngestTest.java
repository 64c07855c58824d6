package org.consortiumhub.hub.catalog;

import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.catalog.ingest.CatalogIngest;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.consortiumhub.catalog.store.CatalogStatistics;
import org.consortiumhub.hub.support.Hub;
import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Members' adapters send real MARC files through the API; the union catalog stores and clusters them. */
@QuarkusTest
public class CatalogIngestTest {

    @Inject
    Pool pool;

    @Inject
    CatalogStatistics statistics;

    @Inject
    CatalogIngest ingest;

    public static ExtractableResponse<Response> post(String key, byte[] body, String contentType) {
        return withKey(key).contentType(contentType).body(body).post("/api/v1/catalog/records").then().extract();
    }

    static ExtractableResponse<Response> postMarc(String key, String sharedFile) {
        return post(key, SharedData.bytes(sharedFile), "application/marc");
    }

    @Test
    void twoMembersWithTheSameRecordsShareClustersAndAReplayChangesNothing() {
        String a = createMember();
        String b = createMember();
        String keyA = createApiKey(a);
        String keyB = createApiKey(b);

        var first = postMarc(keyA, "marc/perf_1k_bib_Create.mrc");
        assertEquals(200, first.statusCode(), first.asString());
        assertEquals(1000, (int) first.path("created"));
        assertEquals(0, (int) first.path("rejected"));

        var second = postMarc(keyB, "marc/perf_2k_bib_Create.mrc");
        assertEquals(2000, (int) second.path("created"));

        // Every 1k record sits in the cluster of its 2k twin (same 001); 2,000 clusters in all.
        List<Row> rows = rows("select count(distinct r.cluster_id) as clusters,"
                + " count(*) filter (where r.cluster_id = t.cluster_id) as twinned"
                + " from catalog_record r join member_library m on m.id = r.member_id"
                + " left join catalog_record t on t.local_id = r.local_id and t.member_id = (select id from member_library where code = $2)"
                + " where m.code in ($1, $2)", a, b);
        assertEquals(2000L, rows.get(0).getLong("clusters"));
        assertEquals(2000L + 1000L, rows.get(0).getLong("twinned"), "each 1k record shares its twin's cluster");

        var replay = postMarc(keyA, "marc/perf_1k_bib_Create.mrc");
        assertEquals(1000, (int) replay.path("unchanged"));
        assertEquals(0, (int) replay.path("created") + (int) replay.path("updated"));
    }

    @Test
    void batchesOfOneMemberSentAtOnceLoseNothingAndLeaveNoStaleKeys() throws Exception {
        String member = createMember();
        String key = createApiKey(member);
        byte[] file = SharedData.bytes("marc/perf_2k_bib_Create.mrc");
        var senders = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            // The same 2,000 records three times at once: each record is created exactly once, the other copies find it.
            List<java.util.concurrent.Future<ExtractableResponse<Response>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(senders.submit(() -> post(key, file, "application/marc")));
            }
            int created = 0;
            int unchanged = 0;
            for (var f : sent) {
                var report = f.get();
                assertEquals(200, report.statusCode(), report.asString());
                created += (int) report.path("created");
                unchanged += (int) report.path("unchanged");
            }
            assertEquals(2000, created);
            assertEquals(4000, unchanged);

            // Three versions of one record at once: the last one written is stored, and its keys alone point at it.
            List<java.util.concurrent.Future<ExtractableResponse<Response>>> versions = new java.util.ArrayList<>();
            for (String isbn : List.of("9780306406157", "9781566199094", "9780141439518")) {
                versions.add(senders.submit(() -> post(key, marcXml("race-1", isbn, "Racing versions", "Doe, Jo", "2011",
                        "200 p."), "application/marcxml+xml")));
            }
            for (var f : versions) {
                assertEquals(200, f.get().statusCode(), f.get().asString());
            }
        } finally {
            senders.shutdown();
        }
        List<Row> stored = rows("select count(*) as n from catalog_record r join member_library m on m.id = r.member_id"
                + " where m.code = $1", member);
        assertEquals(2001L, stored.get(0).getLong("n"));
        List<Row> stale = rows("select r.local_id, (select array_agg(k.key order by k.key) from catalog_match_key k"
                + " where k.record_id = r.id) as indexed, (select array_agg(x order by x) from unnest(r.match_keys) x) as own"
                + " from catalog_record r join member_library m on m.id = r.member_id where m.code = $1 and r.local_id = 'race-1'",
                member);
        assertEquals(1, stale.size());
        assertEquals(java.util.Arrays.asList(stale.get(0).getArrayOfLongs("own")),
                java.util.Arrays.asList(stale.get(0).getArrayOfLongs("indexed")),
                "the record's match keys are exactly those of its stored version");
    }

    @Test
    void aBatchThatWaitedWhileAnotherChangedItsRecordsTakesBackTheKeysItWroteEarly() throws Exception {
        String member = createMember();
        String key = createApiKey(member);
        assertEquals(200, post(key, marcXml("kept-1", "9780306406157", "Waiting in line", "Poe, Ada", "2012", "120 p."),
                "application/marcxml+xml").statusCode());
        var senders = java.util.concurrent.Executors.newFixedThreadPool(2);
        var lockHolder = pool.getConnection().await().indefinitely();
        try {
            // Both batches are classified against the same stored version of kept-1 and write their new record's keys,
            // then wait for the catalog lock. The one that gets it second finds kept-1 changed and classifies again.
            lockHolder.preparedQuery("select pg_advisory_lock($1)").execute(Tuple.of(CatalogIngest.CATALOG_WRITE_LOCK))
                    .await().indefinitely();
            List<java.util.concurrent.Future<ExtractableResponse<Response>>> sent = new java.util.ArrayList<>();
            for (String suffix : List.of("a", "b")) {
                byte[] batch = collection(List.of(
                        record("kept-1", "9780306406157", "Waiting in line, version " + suffix, "Poe, Ada", "2012", "120 p."),
                        record("new-" + suffix, "9781566199094", "Arriving " + suffix, "Poe, Ada", "2013", "80 p.")));
                sent.add(senders.submit(() -> post(key, batch, "application/marcxml+xml")));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("select count(*) as n from pg_locks"
                    + " where locktype = 'advisory' and not granted").get(0).getLong("n") == 2);
            lockHolder.preparedQuery("select pg_advisory_unlock($1)").execute(Tuple.of(CatalogIngest.CATALOG_WRITE_LOCK))
                    .await().indefinitely();
            for (var f : sent) {
                assertEquals(200, f.get().statusCode(), f.get().asString());
                assertEquals(1, (int) f.get().path("created"), f.get().asString());
                assertEquals(1, (int) f.get().path("updated"), f.get().asString());
            }
        } finally {
            lockHolder.close().await().indefinitely();
            senders.shutdown();
        }
        assertEquals(0L, rows("select count(*) as n from catalog_match_key k"
                + " where not exists (select 1 from catalog_record r where r.id = k.record_id)").get(0).getLong("n"),
                "every match key belongs to a stored record");
        List<Row> stored = rows("select r.local_id, (select array_agg(k.key order by k.key) from catalog_match_key k"
                + " where k.record_id = r.id) as indexed, (select array_agg(x order by x) from unnest(r.match_keys) x) as own"
                + " from catalog_record r join member_library m on m.id = r.member_id where m.code = $1 order by r.local_id",
                member);
        assertEquals(List.of("kept-1", "new-a", "new-b"), stored.stream().map(r -> r.getString("local_id")).toList());
        for (Row r : stored) {
            assertEquals(java.util.Arrays.asList(r.getArrayOfLongs("own")), java.util.Arrays.asList(r.getArrayOfLongs("indexed")),
                    r.getString("local_id") + "'s match keys are exactly those of its stored version");
        }
    }

    @Test
    void aKeyHeldByAsManyRecordsAsAllowedStillMatchesAndOneMoreMakesItAStopKey() {
        // 499 different books carrying one ISBN (a misused identifier); each later copy of the first two carries it too.
        String member = createMember();
        String key = createApiKey(member);
        String isbn = "9783161484100";
        List<String> books = new java.util.ArrayList<>();
        for (int i = 0; i < 499; i++) {
            books.add(record("misused-" + i, isbn, made(i) + " " + made(i * 31 + 7) + " " + made(i * 17 + 3),
                    "Author " + made(i), "2001", "300 p."));
        }
        var report = post(key, collection(books), "application/marcxml+xml");
        assertEquals(499, (int) report.path("created"), report.asString());
        String other = createApiKey(createMember());
        // The 500th holder: the key is still evidence, and the copy joins the first book though another cataloguer
        // gave it another author heading.
        var copyOfFirst = post(other, marcXml("copy-0", isbn, made(0) + " " + made(7) + " " + made(3), "Someone, Else",
                "2001", "300 p."), "application/marcxml+xml");
        assertEquals(clusterOf(member, "misused-0"), (int) copyOfFirst.path("records[0].clusterId"), copyOfFirst.asString());
        // The 501st: too many records hold the key for it to say anything.
        var copyOfSecond = post(other, marcXml("copy-1", isbn, made(1) + " " + made(38) + " " + made(20), "Someone, Else",
                "2001", "300 p."), "application/marcxml+xml");
        assertTrue(clusterOf(member, "misused-1") != (int) copyOfSecond.path("records[0].clusterId"), copyOfSecond.asString());
    }

    /** A made-up word for {@code n}, so that titles built from them share no words by accident. */
    private static String made(int n) {
        String consonants = "bdfgklmnprstvz";
        String vowels = "aeiou";
        StringBuilder word = new StringBuilder();
        int v = n + 1;
        do {
            word.append(consonants.charAt(v % consonants.length())).append(vowels.charAt((v / consonants.length()) % vowels.length()));
            v /= consonants.length() * vowels.length();
        } while (v > 0);
        return Character.toUpperCase(word.charAt(0)) + word.substring(1) + "n";
    }

    private int clusterOf(String member, String localId) {
        return asAdmin().get("/api/v1/catalog/records/{m}/{id}", member, localId).then().statusCode(200).extract().path("clusterId");
    }

    @Test
    void theCatalogTablesAreAnalysedAsTheCatalogGrows() {
        long analysesBefore = statistics.analyses();
        java.time.OffsetDateTime before = rows("select now() as t").get(0).getOffsetDateTime("t");

        assertEquals(2000, (int) postMarc(createApiKey(createMember()), "marc/perf_2k_bib_Create.mrc").path("created"));

        // 2,000 changed records pass the threshold the tests use (1,000): the hub analyses the tables in the background.
        await().atMost(Duration.ofSeconds(30)).until(() -> statistics.analyses() > analysesBefore);
        assertTrue(statistics.analyses() > analysesBefore, "an analysis ran after the batch");
        Row stats = rows("select reltuples as estimated from pg_class where oid = 'catalog_record'::regclass").get(0);
        assertTrue(stats.getFloat("estimated") >= 2000, "the planner knows the catalog holds at least the batch: " + stats.toJson());
        // PostgreSQL's own record of the analysis (its statistics are published within about a second).
        await().atMost(Duration.ofSeconds(30)).until(() -> !rows("select last_analyze from pg_stat_user_tables"
                + " where relname = 'catalog_match_key' and last_analyze >= $1", before).isEmpty());
        assertEquals(1, rows("select last_analyze from pg_stat_user_tables where relname = 'catalog_match_key'"
                + " and last_analyze >= $1", before).size(), "catalog_match_key analysed");
    }

    @Test
    void badRecordsAreReportedByPositionAndTheGoodOnesStored() {
        String key = createApiKey(createMember());
        var report = postMarc(key, "marc/m4j_bad_hathi_records.mrc");
        assertEquals(200, report.statusCode(), report.asString());
        int rejected = report.path("rejected");
        assertTrue(rejected > 0, "the file holds broken records: " + report.asString());
        List<Map<String, Object>> records = report.path("records");
        for (Map<String, Object> r : records) {
            if ("REJECTED".equals(r.get("outcome"))) {
                assertTrue(r.get("reason").toString().startsWith("record " + r.get("position")), r.toString());
            }
        }
        assertEquals(records.size(), (int) report.path("received"));
    }

    @Test
    void aRecordTooLargeForIso2709IsStoredWithAllItsItems() {
        String member = createMember();
        String key = createApiKey(member);
        // Princeton's record for Science: 2,967 item fields, 1.3 MB of MARCXML, beyond ISO 2709's 99,999 bytes.
        var report = post(key, SharedData.bytes("marc583/princeton-recap/marc_to_solr_fixtures/998574693506421.mrx"),
                "application/marcxml+xml");
        assertEquals(1, (int) report.path("created"), report.asString());
        var stored = asAdmin().get("/api/v1/catalog/records/{m}/{id}", member, "998574693506421").then().statusCode(200).extract();
        assertTrue(stored.<List<?>>path("holdings").size() > 2900, "every item is a holding");
        assertTrue(stored.<String>path("marcXml").length() > 1_000_000);
        assertEquals(1, (int) post(key, SharedData.bytes("marc583/princeton-recap/marc_to_solr_fixtures/998574693506421.mrx"),
                "application/marcxml+xml").path("unchanged"), "sent again, it is recognised as unchanged");
    }

    @Test
    void recordsWithoutALocalIdAreRejected() {
        String key = createApiKey(createMember());
        var report = postMarc(key, "marc/perf_For_LA_edeposit_updates3.mrc");
        assertEquals(200, report.statusCode());
        assertEquals(0, (int) report.path("created"));
        assertEquals((int) report.path("received"), (int) report.path("rejected"));
        assertTrue(report.<String>path("records[0].reason").contains("no local id (001)"));
    }

    @Test
    void marc8RecordsAreStoredAsUnicodeAndGzipIsRecognised() throws Exception {
        String member = createMember();
        String key = createApiKey(member);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(SharedData.bytes("marc/eg_jazz_1k.mrc"));
        }
        var report = post(key, gz.toByteArray(), "application/gzip");
        assertEquals(200, report.statusCode(), report.asString());
        assertTrue((int) report.path("created") > 900, report.asString());
        String localId = report.path("records.find { it.outcome == 'CREATED' }.localId");
        asAdmin().get("/api/v1/catalog/records/{m}/{id}", member, localId).then().statusCode(200)
                .body("marcJson.leader", notNullValue())
                .body("marcXml", containsString("<record"));
    }

    @Test
    void deletingARecordTakesItOutOfItsCluster() {
        String a = createMember();
        String b = createMember();
        String keyA = createApiKey(a);
        String keyB = createApiKey(b);
        byte[] record = marcXml("del-1", "9780141439518", "Pride and prejudice", "Austen, Jane", "2003", "480 p.");
        long cluster = ((Number) post(keyA, record, "application/marcxml+xml").path("records[0].clusterId")).longValue();
        var twin = post(keyB, marcXml("other-7", "0141439513", "Pride and prejudice", "Austen, Jane", "2003", "480 pages"),
                "application/marcxml+xml");
        assertEquals(cluster, ((Number) twin.path("records[0].clusterId")).longValue(), twin.asString());
        asAdmin().get("/api/v1/catalog/clusters/{c}", cluster).then().statusCode(200)
                .body("recordCount", equalTo(2))
                .body("holdings.memberCode", hasItem(a))
                .body("identifiers", hasItem("isbn:9780141439518"));

        withKey(keyA).delete("/api/v1/catalog/records/{id}", "del-1").then().statusCode(204);
        withKey(keyA).delete("/api/v1/catalog/records/{id}", "del-1").then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin().get("/api/v1/catalog/records/{m}/{id}", a, "del-1").then().statusCode(404);
        asAdmin().get("/api/v1/catalog/clusters/{c}", cluster).then().statusCode(200).body("recordCount", equalTo(1));

        // A record whose leader/05 is 'd' deletes too.
        String deleted = new String(marcXml("other-7", "0141439513", "Pride and prejudice", "Austen, Jane", "2003", "480 pages"),
                StandardCharsets.UTF_8).replace("<leader>00000nam", "<leader>00000dam");
        var report = post(keyB, deleted.getBytes(StandardCharsets.UTF_8), "application/marcxml+xml");
        assertEquals(1, (int) report.path("deleted"), report.asString());
        asAdmin().get("/api/v1/catalog/clusters/{c}", cluster).then().statusCode(404);
    }

    @Test
    void aMergedClusterStaysFindableUnderItsOldId() {
        String key = createApiKey(createMember());
        long first = ((Number) post(key, marcXml("m-1", "9780306406157", "Merging streams of thought", "Smith, Alice", "2001",
                "300 p."), "application/marcxml+xml").path("records[0].clusterId")).longValue();
        long second = ((Number) post(key, marcXml("m-2", "9781566199094", "Merging streams of thought", "Jones, Bert", "2001",
                "300 p."), "application/marcxml+xml").path("records[0].clusterId")).longValue();
        assertTrue(first != second, "different authors, different ISBNs: two manifestations so far");
        // A third record carries both ISBNs: the two were one manifestation after all.
        String bridge = new String(marcXml("m-3", "9780306406157", "Merging streams of thought", "Smith, Alice", "2001",
                "300 p."), StandardCharsets.UTF_8).replace("<datafield tag=\"100\"",
                "<datafield tag=\"020\" ind1=\" \" ind2=\" \"><subfield code=\"a\">9781566199094</subfield></datafield>"
                        + "<datafield tag=\"100\"");
        long merged = ((Number) post(key, bridge.getBytes(StandardCharsets.UTF_8), "application/marcxml+xml")
                .path("records[0].clusterId")).longValue();
        long retired = merged == first ? second : first;
        asAdmin().get("/api/v1/catalog/clusters/{c}", retired).then().statusCode(200)
                .body("clusterId", equalTo((int) merged))
                .body("recordCount", equalTo(3));
    }

    @Test
    void onlyAdaptersWriteAndTheyWriteOnlyTheirOwnMember() {
        String a = createMember();
        String keyA = createApiKey(a);
        asAdmin().contentType("application/marc").body(SharedData.bytes("marc/eg_hebrew.marc")).post("/api/v1/catalog/records")
                .then().statusCode(403).contentType("application/problem+json");
        var report = postMarc(keyA, "marc/eg_hebrew.marc");
        assertEquals(200, report.statusCode());
        int created = report.path("created");
        assertTrue(created > 0);
        // The key decided the member: every record went to member a.
        assertEquals((long) created, rows("select count(*) as n from catalog_record r join member_library m on m.id = r.member_id"
                + " where m.code = $1", a).get(0).getLong("n"));
        Hub.anonymous().contentType("application/marc").body(new byte[] { 1 }).post("/api/v1/catalog/records")
                .then().statusCode(401);
    }

    @Test
    void unreadableInputIsExplainedAndStoresNothing() {
        String key = createApiKey(createMember());
        var html = post(key, "<html><body>Login</body></html>".getBytes(StandardCharsets.UTF_8), "application/octet-stream");
        assertEquals(200, html.statusCode());
        assertEquals(0, (int) html.path("created"));
        assertTrue(html.<String>path("records[0].reason").toLowerCase().contains("not marc"), html.asString());

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<collection xmlns=\"http://www.loc.gov/MARC21/slim\"><record><leader>00000nam a2200000 a 4500</leader>"
                + "<controlfield tag=\"001\">x1</controlfield><datafield tag=\"245\" ind1=\"0\" ind2=\"0\">"
                + "<subfield code=\"a\">&x;</subfield></datafield></record></collection>";
        var refused = post(key, xxe.getBytes(StandardCharsets.UTF_8), "application/marcxml+xml");
        assertEquals(0, (int) refused.path("created"), refused.asString());
        assertTrue((int) refused.path("rejected") >= 1);

        byte[] full = SharedData.bytes("marc/perf_1k_bib_Create.mrc");
        byte[] truncated = java.util.Arrays.copyOf(full, full.length / 2 + 7);
        var cut = post(key, truncated, "application/marc");
        assertEquals(200, cut.statusCode());
        assertTrue((int) cut.path("created") > 400, cut.asString());
        assertEquals(1, (int) cut.path("rejected"), "the last, cut-off record is rejected");

        withKey(key).contentType("application/json").body("{}").post("/api/v1/catalog/records")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void anOversizedBatchIsRefusedWhole() {
        String member = createMember();
        String key = createApiKey(member);
        byte[] twoThousand = SharedData.bytes("marc/perf_2k_bib_Create.mrc");
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 6; i++) {
            big.writeBytes(twoThousand);
        }
        var refused = post(key, big.toByteArray(), "application/marc");
        assertEquals(413, refused.statusCode(), refused.asString());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(0L, rows("select count(*) as n from catalog_record r join member_library m on m.id = r.member_id"
                + " where m.code = $1", member).get(0).getLong("n"));
    }

    @Test
    void searchFindsByKeywordIdentifierAndScriptWithFacets() {
        String member = createMember();
        String key = createApiKey(member);
        post(key, marcXml("s-1", "9780199535569", "Pride and prejudice", "Austen, Jane", "2008", "480 p."),
                "application/marcxml+xml");
        postMarc(key, "marc/eg_hebrew.marc");
        // The Nepali set has no 001s; a member's adapter would give each record its system's id, as here.
        post(key, withLocalIds(SharedData.bytes("marc/eg_nepali.marc"), "nep-"), "application/marc");

        asAdmin().queryParam("isbn", "0-19-953556-6").get("/api/v1/catalog/search").then().statusCode(200)
                .body("total", equalTo(1))
                .body("results[0].title", containsString("Pride and prejudice"));
        asAdmin().queryParam("q", "0-19-953556-6").get("/api/v1/catalog/search").then().statusCode(200)
                .body("results.title", hasItem(containsString("Pride and prejudice")));
        asAdmin().queryParam("q", "austen pride").queryParam("member", member).get("/api/v1/catalog/search")
                .then().statusCode(200)
                .body("total", greaterThan(0))
                .body("results[0].holdings.memberCode", hasItem(member))
                .body("facets.member.value", hasItem(member));

        // A word of a Hebrew title, and of a Nepali one, as stored.
        String hebrew = firstTitleWord(member, "heb");
        asAdmin().queryParam("q", hebrew).queryParam("member", member).get("/api/v1/catalog/search")
                .then().statusCode(200).body("total", greaterThan(0)).body("results.language", hasItem("heb"));
        String nepali = firstTitleWord(member, "nep");
        asAdmin().queryParam("q", nepali).queryParam("member", member).get("/api/v1/catalog/search")
                .then().statusCode(200).body("total", greaterThan(0));

        var page = asAdmin().queryParam("member", member).queryParam("size", 5).queryParam("page", 2)
                .get("/api/v1/catalog/search").then().statusCode(200).extract();
        assertTrue((int) page.path("total") > 10);
        assertEquals(5, page.<List<?>>path("results").size());
        asAdmin().queryParam("member", member).queryParam("yearFrom", 2000).queryParam("yearTo", 2010)
                .get("/api/v1/catalog/search").then().statusCode(200)
                .body("results.year", everyItem(org.hamcrest.Matchers.both(greaterThan(1999)).and(org.hamcrest.Matchers.lessThan(2011))));
    }

    @Test
    void aClusterIsFoundByItsDisplayRecordsSubjectsAfterOtherCopiesJoinIt() {
        String a = createMember();
        String b = createMember();
        String subjectWord = "zymurgy" + Long.toString(System.nanoTime(), 36);
        String isbn = org.consortiumhub.hub.ill.IllFixtures.newIsbn();
        // A's copy is the fuller record (it has a subject heading), so it stays the cluster's display record.
        String full = new String(marcXml("subj-1", isbn, "Brewing through the ages", "Hops, Hal", "2012", "250 p."),
                StandardCharsets.UTF_8).replace("</record>", "<datafield tag=\"650\" ind1=\" \" ind2=\"0\">"
                        + "<subfield code=\"a\">" + subjectWord + "</subfield><subfield code=\"x\">History.</subfield>"
                        + "</datafield></record>");
        long cluster = ((Number) post(createApiKey(a), full.getBytes(StandardCharsets.UTF_8), "application/marcxml+xml")
                .path("records[0].clusterId")).longValue();
        var copy = post(createApiKey(b), marcXml("other-subj", isbn, "Brewing through the ages", "Hops, Hal", "2012",
                "250 pages"), "application/marcxml+xml");
        assertEquals(cluster, ((Number) copy.path("records[0].clusterId")).longValue(), copy.asString());

        // The cluster row was rebuilt by B's batch, which did not send A's record: its subjects still count.
        asAdmin().queryParam("q", subjectWord).get("/api/v1/catalog/search").then().statusCode(200)
                .body("total", equalTo(1))
                .body("results[0].clusterId", equalTo((int) cluster))
                .body("results[0].holdings.memberCode", hasItem(b));
    }

    @Test
    void invalidSearchParametersAreNamed() {
        asAdmin().queryParam("size", 1000).get("/api/v1/catalog/search").then().statusCode(400).body("errors[0].field", equalTo("size"));
        asAdmin().queryParam("isbn", "12345").get("/api/v1/catalog/search").then().statusCode(400).body("errors[0].field", equalTo("isbn"));
        asAdmin().queryParam("format", "scroll").get("/api/v1/catalog/search").then().statusCode(400).body("errors[0].field", equalTo("format"));
        asAdmin().queryParam("yearFrom", 2000).queryParam("yearTo", 1990).get("/api/v1/catalog/search").then().statusCode(400)
                .body("errors[0].field", equalTo("yearFrom"));
        asAdmin().queryParam("yearFrom", "soon").get("/api/v1/catalog/search").then().statusCode(400)
                .contentType("application/problem+json");
        asAdmin().get("/api/v1/catalog/clusters/{c}", 987654321L).then().statusCode(404).contentType("application/problem+json");
    }

    private String firstTitleWord(String member, String language) {
        String title = rows("select r.title from catalog_record r join member_library m on m.id = r.member_id"
                + " where m.code = $1 and r.language = $2 order by r.local_id limit 1", member, language).get(0).getString("title");
        return org.consortiumhub.catalog.search.SearchText.tokens(title).stream().filter(t -> t.length() > 2).findFirst().orElseThrow();
    }

    static byte[] withLocalIds(byte[] file, String prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MarcInput in = MarcInput.read(new java.io.ByteArrayInputStream(file))) {
            while (in.hasNext()) {
                if (in.next() instanceof ReadRecord read) {
                    MarcRecord r = read.record();
                    List<ControlField> control = new java.util.ArrayList<>(r.controlFields());
                    control.add(0, new ControlField("001", prefix + read.position()));
                    out.writeBytes(Iso2709.write(new MarcRecord(r.leader(), control, r.dataFields())));
                }
            }
        }
        return out.toByteArray();
    }

    @Test
    void aBatchForAMemberTheConsortiumDoesNotHaveIsRefusedAndStoresNothing() {
        // The member's row is checked once per batch in place of a foreign key on every record.
        byte[] record = marcXml("no-such-member-1", "9780306406157", "Unowned", "Doe, Jo", "2011", "200 p.");
        CatalogException refused = assertThrows(CatalogException.class,
                () -> ingest.ingest(new CatalogIngest.Member(Long.MAX_VALUE - 7, "NOSUCH"), record).await().indefinitely());
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("NOSUCH"), refused.getMessage());
        assertEquals(0L, rows("select count(*) from catalog_record where local_id = $1", "no-such-member-1").get(0).getLong(0));
    }

    private List<Row> rows(String sql, Object... params) {
        var result = pool.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().indefinitely();
        List<Row> list = new java.util.ArrayList<>();
        result.forEach(list::add);
        return list;
    }

    /** A small MARCXML record of one book, written as a member would send it. */
    public static byte[] marcXml(String localId, String isbn, String title, String author, String year, String extent) {
        return collection(List.of(record(localId, isbn, title, author, year, extent)));
    }

    /** MARCXML records as one batch. */
    static byte[] collection(List<String> records) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><collection xmlns=\"http://www.loc.gov/MARC21/slim\">"
                + String.join("", records) + "</collection>").getBytes(StandardCharsets.UTF_8);
    }

    static String record(String localId, String isbn, String title, String author, String year, String extent) {
        return "<record>"
                + "<leader>00000nam a2200000 i 4500</leader>"
                + "<controlfield tag=\"001\">" + localId + "</controlfield>"
                + "<controlfield tag=\"008\">240101s" + year + "    enk           000 1 eng d</controlfield>"
                + "<datafield tag=\"020\" ind1=\" \" ind2=\" \"><subfield code=\"a\">" + isbn + "</subfield></datafield>"
                + "<datafield tag=\"100\" ind1=\"1\" ind2=\" \"><subfield code=\"a\">" + author + ",</subfield></datafield>"
                + "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">" + title + " /</subfield>"
                + "<subfield code=\"c\">" + author + ".</subfield></datafield>"
                + "<datafield tag=\"264\" ind1=\" \" ind2=\"1\"><subfield code=\"a\">Oxford :</subfield>"
                + "<subfield code=\"b\">Oxford University Press,</subfield><subfield code=\"c\">" + year + ".</subfield></datafield>"
                + "<datafield tag=\"300\" ind1=\" \" ind2=\" \"><subfield code=\"a\">" + extent + "</subfield></datafield>"
                + "<datafield tag=\"852\" ind1=\" \" ind2=\" \"><subfield code=\"b\">Main stacks</subfield>"
                + "<subfield code=\"h\">PR4034 .P7</subfield></datafield>"
                + "</record>";
    }
}
