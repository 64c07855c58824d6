package org.consortiumhub.hub.procurement;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.memberBody;
import static org.consortiumhub.hub.support.Hub.newCode;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.match.Isbn;
import org.consortiumhub.hub.support.Hub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Joint procurement over HTTP on a real catalog: two members ingest the same real MARC file, a third another; a
 * manager proposes buying one of their clusters and a title list that names some of their ISBNs; members pledge
 * for themselves; approval divides the price exactly; and every caller that may not act is refused.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcurementApiTest {

    static final String SHARED_FILE = "marc/perf_For_DISC_HRID_match_1k.mrc";

    String a;
    String b;
    String c;
    String staffA;
    String staffB;
    String staffC;
    String manager;
    String keyA;
    long sharedCluster;
    List<String> heldIsbns;

    /** Set up once, on the first test (RestAssured knows the hub's port only inside a test). */
    @BeforeEach
    void consortium() {
        if (a != null) {
            return;
        }
        a = member(1000, 100_000);
        b = member(3000, 300_000);
        c = member(500, 50_000);
        staffA = createUser("ILL_STAFF", a);
        staffB = createUser("ILL_STAFF", b);
        staffC = createUser("ILL_STAFF", c);
        manager = createUser("ALLIANCE_MANAGER", null);
        keyA = createApiKey(a);
        ingest(keyA, SHARED_FILE);
        ingest(createApiKey(b), SHARED_FILE);
        ingest(createApiKey(c), "marc/eg_jazz_1k.mrc");

        List<MarcRecord> records = SharedData.records(SHARED_FILE);
        String localId = records.get(0).controlNumber();
        sharedCluster = ((Number) asAdmin().get("/api/v1/catalog/records/{m}/{id}", a, localId).then().statusCode(200)
                .extract().path("clusterId")).longValue();
        Set<String> isbns = new LinkedHashSet<>();
        for (MarcRecord r : records) {
            String isbn = Isbn.normalize(r.first("020", 'a'));
            if (isbn != null && isbns.size() < 5) {
                isbns.add(isbn);
            }
        }
        heldIsbns = List.copyOf(isbns);
        assertEquals(5, heldIsbns.size(), "the shared file has ISBNs");
    }

    @Test
    void aClusterProposalShowsItsHoldersTakesPledgesAndBecomesAPurchaseWithExactShares() {
        long id = createClusterProposal(Map.of("components", List.of(Map.of("basis", "EQUAL", "weight", 1))));
        var proposal = manager().get("/api/v1/procurement/proposals/{id}", id).then().statusCode(200).extract();
        assertEquals(List.of(a, b).stream().sorted().toList(), proposal.<List<String>>path("holders.memberCode"));
        assertEquals("OPEN", proposal.path("status"));

        staff(staffA).body(Map.of("amountMinor", 50_000, "note", "from the science budget"))
                .put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a).then().statusCode(200)
                .body("memberCode", equalTo(a)).body("pledgedBy", equalTo(staffA));
        staff(staffB).body(Map.of("amountMinor", 60_000)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, b)
                .then().statusCode(200);
        staff(staffC).body(Map.of("amountMinor", 10_000)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, c)
                .then().statusCode(200);
        staff(staffC).delete("/api/v1/procurement/proposals/{id}/pledges/{m}", id, c).then().statusCode(204);
        staff(staffC).delete("/api/v1/procurement/proposals/{id}/pledges/{m}", id, c).then().statusCode(404);

        // Staff see their own pledge only, and the total.
        staff(staffA).get("/api/v1/procurement/proposals/{id}", id).then().statusCode(200)
                .body("pledges.memberCode", equalTo(List.of(a))).body("pledgedTotalMinor", equalTo(110_000));
        manager().get("/api/v1/procurement/proposals/{id}", id).then().body("pledges.size()", equalTo(2));

        // FTE 1000 : 3000 -> 25% and 75% of 100,001 cents.
        manager().body(Map.of("formula", Map.of("components", List.of(Map.of("basis", "FTE", "weight", 1)))))
                .post("/api/v1/procurement/proposals/{id}/share-preview", id).then().statusCode(200)
                .body("amountMinor", equalTo(shares(a, b, 25_000, 75_001)));

        // A 20% base split equally, the rest to holders only; both hold it: an equal split, the odd cent to the first code.
        var decided = manager().body(Map.of("decision", "APPROVE", "note", "board meeting 3",
                "formula", Map.of("basePercent", 20, "components", List.of(Map.of("basis", "HOLDERS", "weight", 1)))))
                .post("/api/v1/procurement/proposals/{id}/decision", id).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo(manager)).extract();
        long purchaseId = ((Number) decided.path("purchaseId")).longValue();

        var purchase = manager().get("/api/v1/procurement/purchases/{p}", purchaseId).then().statusCode(200).extract();
        List<Integer> amounts = purchase.path("shares.amountMinor");
        assertEquals(100_001, amounts.stream().mapToInt(Integer::intValue).sum(), "the shares are exactly the price");
        assertEquals(List.of(50_001, 50_000), amounts, "ordered by member code; the first code takes the odd cent");
        assertEquals(240_000, (int) purchase.path("listPriceTotalMinor"), "both members' separate list prices");

        // Staff of a sharing member see their share only; staff of a member without a share see nothing.
        staff(staffA).get("/api/v1/procurement/purchases/{p}", purchaseId).then().statusCode(200)
                .body("shares.memberCode", equalTo(List.of(a)));
        staff(staffC).get("/api/v1/procurement/purchases/{p}", purchaseId).then().statusCode(403)
                .body("detail", containsString("ILL staff of " + c));
        List<Integer> visibleToC = staff(staffC).get("/api/v1/procurement/purchases").then().statusCode(200)
                .extract().path("id");
        assertTrue(!visibleToC.contains((int) purchaseId));
        staff(staffB).get("/api/v1/procurement/purchases").then().statusCode(200)
                .body("find { it.id == " + purchaseId + " }.shares.memberCode", equalTo(List.of(b)));

        // A decided proposal changes no more.
        staff(staffA).body(Map.of("amountMinor", 1)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a)
                .then().statusCode(409).body("detail", containsString("APPROVED"));
        manager().body(Map.of("decision", "REJECT")).post("/api/v1/procurement/proposals/{id}/decision", id)
                .then().statusCode(409);
    }

    @Test
    void aTitleListIsMatchedToTheCatalogByIsbnAndShowsWhoHoldsHowMany() {
        long id = createProposal(Map.of("resourceKind", "TITLE_LIST"), Map.of("components", List.of(Map.of("basis", "EQUAL", "weight", 1))));
        // A real KBART list (Edinburgh University Press e-books), with five of the members' print ISBNs added.
        List<String> lines = new ArrayList<>(new String(SharedData.bytes("kbart/gokb/CambridgeBooks_EdinburghUniversityPress_utf8.tsv"),
                StandardCharsets.UTF_8).lines().limit(40).toList());
        int columns = lines.get(0).split("\t", -1).length;
        for (String isbn : heldIsbns) {
            String[] row = new String[columns];
            java.util.Arrays.fill(row, "");
            row[0] = "Held title " + isbn;
            row[1] = isbn.substring(0, 3) + "-" + isbn.substring(3);
            lines.add(String.join("\t", row));
        }
        var proposal = manager().contentType("text/tab-separated-values").body(String.join("\n", lines))
                .put("/api/v1/procurement/proposals/{id}/title-list", id).then().statusCode(200).extract();
        assertEquals(39 + 5, (int) proposal.path("titleCount"));
        assertTrue((int) proposal.path("matchedTitles") >= 5, proposal.asString());
        Map<String, Integer> held = new HashMap<>();
        List<Map<String, Object>> holders = proposal.path("holders");
        holders.forEach(h -> held.put((String) h.get("memberCode"), (Integer) h.get("titlesHeld")));
        assertTrue(held.get(a) >= 5 && held.get(a).equals(held.get(b)), held.toString());

        List<Map<String, Object>> titles = staff(staffA).queryParam("page", 1).queryParam("size", 100)
                .get("/api/v1/procurement/proposals/{id}/titles", id).then().statusCode(200).extract().path("$");
        Map<String, Object> last = titles.get(titles.size() - 1);
        assertEquals("Held title " + heldIsbns.get(4), last.get("title"));
        assertTrue(((List<?>) last.get("holders")).contains(a));

        // A list without a title column, or with an empty title, is refused whole and the old list stays.
        manager().contentType("text/csv").body("isbn,price\n9780748633807,10\n")
                .put("/api/v1/procurement/proposals/{id}/title-list", id).then().statusCode(400)
                .body("detail", containsString("publication_title"));
        manager().contentType("text/csv").body("publication_title,print_identifier\nA title,9780748633807\n,9780748632411\n")
                .put("/api/v1/procurement/proposals/{id}/title-list", id).then().statusCode(400)
                .body("errors[0].message", equalTo("line 3: publication_title is empty"));
        manager().get("/api/v1/procurement/proposals/{id}", id).then().body("titleCount", equalTo(44));
    }

    @Test
    void usageBasedSharesReadTheMembersRecordedCounterReports() {
        // The package: the journals of a real COUNTER R5 TR_J1 report.
        JsonObject report = new JsonObject(new String(SharedData.bytes("counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_j1.json"),
                StandardCharsets.UTF_8));
        StringBuilder kbart = new StringBuilder("publication_title\tprint_identifier\tonline_identifier\n");
        long totalRequests = 0;
        JsonArray items = report.getJsonArray("Report_Items");
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            kbart.append(item.getString("Title")).append("\t\t")
                    .append(item.getJsonArray("Item_ID").getJsonObject(0).getString("Value")).append('\n');
            for (Object p : item.getJsonArray("Performance")) {
                for (Object n : ((JsonObject) p).getJsonArray("Instance")) {
                    if ("Total_Item_Requests".equals(((JsonObject) n).getString("Metric_Type"))) {
                        totalRequests += ((JsonObject) n).getLong("Count");
                    }
                }
            }
        }
        long id = createProposal(Map.of("resourceKind", "TITLE_LIST"), Map.of("components", List.of(Map.of("basis", "USAGE", "weight", 1))));
        manager().contentType("text/tab-separated-values").body(kbart.toString())
                .put("/api/v1/procurement/proposals/{id}/title-list", id).then().statusCode(200);

        // A's staff upload A's real report; the manager uploads B's (a consortium harvest); C's staff may not upload for A.
        staff(staffA).body(report.encode()).post("/api/v1/usage/{m}", a).then().statusCode(200)
                .body("reportId", equalTo("TR_J1")).body("titles", equalTo(items.size()))
                .body("firstMonth", equalTo("2021-01-01"));
        JsonObject small = report.copy();
        small.put("Report_Items", new JsonArray().add(items.getJsonObject(0).copy().put("Performance", new JsonArray().add(
                new JsonObject().put("Period", new JsonObject().put("Begin_Date", "2021-01-01").put("End_Date", "2021-01-31"))
                        .put("Instance", new JsonArray().add(new JsonObject().put("Metric_Type", "Total_Item_Requests").put("Count", 13)))))));
        manager().body(small.encode()).post("/api/v1/usage/{m}", b).then().statusCode(200).body("counts", equalTo(1));
        staff(staffC).body(small.encode()).post("/api/v1/usage/{m}", a).then().statusCode(403);
        // The tabular form of a report is read too (this one counts denials, which shares do not use).
        staff(staffC).contentType("text/tab-separated-values").body(SharedData.bytes("counter/pycounter/tr_j2.tsv"))
                .post("/api/v1/usage/{m}/tabular", c).then().statusCode(200).body("reportId", equalTo("TR_J2"))
                .body("counts", equalTo(1)).body("firstMonth", equalTo("2017-01-01"));
        staff(staffA).body(Map.of("Report_Header", Map.of("Report_ID", "PR", "Release", "5"), "Report_Items", List.of()))
                .post("/api/v1/usage/{m}", a).then().statusCode(400).body("detail", containsString("not a title report"));

        staff(staffA).body(Map.of("amountMinor", 1)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a).then().statusCode(200);
        staff(staffB).body(Map.of("amountMinor", 1)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, b).then().statusCode(200);

        var shares = manager().body(Map.of("usageFrom", "2021-01-01", "usageTo", "2021-12-31"))
                .post("/api/v1/procurement/proposals/{id}/share-preview", id).then().statusCode(200).extract();
        List<Integer> usage = shares.path("usage");
        List<Integer> amounts = shares.path("amountMinor");
        int ia = shares.<List<String>>path("memberCode").indexOf(a);
        assertEquals(totalRequests, (long) usage.get(ia));
        assertEquals(13, (int) usage.get(1 - ia));
        BigDecimal exact = BigDecimal.valueOf(100_001L * totalRequests).divide(BigDecimal.valueOf(totalRequests + 13), MathContext.DECIMAL64);
        assertTrue(exact.subtract(BigDecimal.valueOf(amounts.get(ia))).abs().compareTo(BigDecimal.ONE) < 0, amounts + " vs " + exact);
        assertEquals(100_001, amounts.get(0) + amounts.get(1));
        assertTrue(shares.<List<Boolean>>path("exceedsPledge").get(0), "both pledged one cent");

        // Without usage in the period, a usage formula has nothing to divide by.
        manager().body(Map.of("usageFrom", "2020-01-01", "usageTo", "2020-12-31"))
                .post("/api/v1/procurement/proposals/{id}/share-preview", id).then().statusCode(409)
                .body("detail", containsString("no participating member has any recorded usage"));
    }

    @Test
    void everyoneButAManagerIsRefusedTheManagersCallsAndMembersPledgeOnlyForThemselves() {
        long id = createClusterProposal(Map.of("components", List.of(Map.of("basis", "EQUAL", "weight", 1))));
        Map<String, Object> body = proposalBody(Map.of("resourceKind", "CLUSTER", "clusterId", sharedCluster),
                Map.of("components", List.of(Map.of("basis", "EQUAL", "weight", 1))));
        List<RequestSpecification> notManagers = List.of(asAdmin(), staff(staffA), withKey(keyA));
        List<String> who = List.of("an admin", "ILL staff of " + a, "the adapter of " + a);
        for (int i = 0; i < notManagers.size(); i++) {
            refused(notManagers.get(i).body(body).post("/api/v1/procurement/proposals"), who.get(i));
        }
        for (int i = 0; i < 3; i++) {
            RequestSpecification caller = i == 0 ? asAdmin() : i == 1 ? staff(staffA) : withKey(keyA);
            refused(caller.body(Map.of("decision", "APPROVE")).post("/api/v1/procurement/proposals/{id}/decision", id), who.get(i));
        }
        for (int i = 0; i < 3; i++) {
            RequestSpecification caller = i == 0 ? asAdmin() : i == 1 ? staff(staffA) : withKey(keyA);
            refused(caller.body(Map.of()).post("/api/v1/procurement/proposals/{id}/share-preview", id), who.get(i));
        }
        refused(staff(staffA).contentType("text/csv").body("publication_title,print_identifier\nX,9780748633807\n")
                .put("/api/v1/procurement/proposals/{id}/title-list", id), "ILL staff of " + a);
        refused(withKey(keyA).get("/api/v1/procurement/proposals"), "the adapter of " + a);
        refused(withKey(keyA).get("/api/v1/procurement/purchases"), "the adapter of " + a);

        // Pledging: only the member's own ILL staff; not another member's staff, a manager, an admin or the adapter.
        refused(staff(staffB).body(Map.of("amountMinor", 5)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a),
                "ILL staff of " + b);
        refused(manager().body(Map.of("amountMinor", 5)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a),
                "an alliance manager");
        refused(asAdmin().body(Map.of("amountMinor", 5)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a), "an admin");
        refused(withKey(keyA).body(Map.of("amountMinor", 5)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a),
                "the adapter of " + a);
        refused(staff(staffB).delete("/api/v1/procurement/proposals/{id}/pledges/{m}", id, a), "ILL staff of " + b);
        manager().get("/api/v1/procurement/proposals/{id}", id).then().body("pledges.size()", equalTo(0));

        Hub.anonymous().get("/api/v1/procurement/proposals").then().statusCode(401);
        Hub.anonymous().body(body).post("/api/v1/procurement/proposals").then().statusCode(401);

        // Approval needs at least one pledge.
        manager().body(Map.of("decision", "APPROVE")).post("/api/v1/procurement/proposals/{id}/decision", id).then()
                .statusCode(409).body("detail", containsString("no member has pledged"));
    }

    @Test
    void badProposalsAreRefusedWithTheFieldAtFault() {
        Map<String, Object> formula = Map.of("components", List.of(Map.of("basis", "EQUAL", "weight", 1)));
        Map<String, Object> body = new HashMap<>(proposalBody(Map.of("resourceKind", "CLUSTER", "clusterId", sharedCluster), formula));
        body.put("currency", "ABC");
        body.put("termEnd", "2025-01-01");
        manager().body(body).post("/api/v1/procurement/proposals").then().statusCode(400)
                .body("errors.field", equalTo(List.of("termEnd", "currency")));

        manager().body(proposalBody(Map.of("resourceKind", "CLUSTER", "clusterId", 999_999_999L), formula))
                .post("/api/v1/procurement/proposals").then().statusCode(404).body("detail", containsString("no cluster 999999999"));
        manager().body(proposalBody(Map.of("resourceKind", "CLUSTER"), formula))
                .post("/api/v1/procurement/proposals").then().statusCode(400).body("errors[0].field", equalTo("clusterId"));
        manager().body(proposalBody(Map.of("resourceKind", "CLUSTER", "clusterId", sharedCluster),
                Map.of("basePercent", 20, "components", List.of()))).post("/api/v1/procurement/proposals").then()
                .statusCode(400).body("errors[0].field", equalTo("formula"));

        Map<String, Object> unknownMember = new HashMap<>(proposalBody(Map.of("resourceKind", "CLUSTER", "clusterId", sharedCluster), formula));
        unknownMember.put("listPrices", List.of(Map.of("memberCode", a, "amountMinor", 5), Map.of("memberCode", "ZZ-NOPE", "amountMinor", 5)));
        manager().body(unknownMember).post("/api/v1/procurement/proposals").then().statusCode(400)
                .body("errors[0].field", equalTo("listPrices[1].memberCode"));
        manager().get("/api/v1/procurement/proposals/{id}", 999_999_999L).then().statusCode(404);
        staff(staffA).body(Map.of("amountMinor", -1)).put("/api/v1/procurement/proposals/{id}/pledges/{m}",
                createClusterProposal(formula), a).then().statusCode(400);
    }

    // ------------------------------------------------------------------------------------------------

    private long createClusterProposal(Map<String, Object> formula) {
        return createProposal(Map.of("resourceKind", "CLUSTER", "clusterId", sharedCluster), formula);
    }

    private long createProposal(Map<String, Object> resource, Map<String, Object> formula) {
        return ((Number) manager().body(proposalBody(resource, formula)).post("/api/v1/procurement/proposals")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    private Map<String, Object> proposalBody(Map<String, Object> resource, Map<String, Object> formula) {
        Map<String, Object> body = new HashMap<>(resource);
        body.putAll(Map.of("title", "Springer e-book collection 2027", "vendor", "Springer Nature", "currency", "USD",
                "consortiumPriceMinor", 100_001, "termStart", "2027-01-01", "termEnd", "2027-12-31",
                "licence", Map.of("illPrint", true, "illElectronic", false, "notes", "ILL by print-out only"),
                "formula", formula));
        body.put("listPrices", List.of(Map.of("memberCode", a, "amountMinor", 90_000), Map.of("memberCode", b, "amountMinor", 150_000)));
        return body;
    }

    private List<Integer> shares(String first, String second, int firstAmount, int secondAmount) {
        return first.compareTo(second) < 0 ? List.of(firstAmount, secondAmount) : List.of(secondAmount, firstAmount);
    }

    private static void refused(Response response, String who) {
        response.then().statusCode(403).contentType("application/problem+json").body("detail", containsString(who));
    }

    private RequestSpecification manager() {
        return as(manager, STAFF_PASSWORD);
    }

    private static RequestSpecification staff(String username) {
        return as(username, STAFF_PASSWORD);
    }

    private static String member(int fte, int budget) {
        String code = newCode();
        Map<String, Object> body = new HashMap<>(memberBody(code, "Library " + code));
        body.put("fte", fte);
        body.put("materialsBudget", budget);
        asAdmin().body(body).post("/api/v1/members").then().statusCode(201);
        return code;
    }

    private static void ingest(String key, String file) {
        ExtractableResponse<Response> report = withKey(key).contentType("application/marc").body(SharedData.bytes(file))
                .post("/api/v1/catalog/records").then().extract();
        assertEquals(200, report.statusCode(), report.asString());
        assertTrue((int) report.path("created") > 0, report.asString());
    }
}
