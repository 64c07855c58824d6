package org.consortiumhub.hub.reports;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.memberBody;
import static org.consortiumhub.hub.support.Hub.newCode;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The alliance managers' reports over HTTP, as JSON and CSV: co-purchasing, spend and savings of a purchase made
 * through the API, cost per use from a real COUNTER report, retention coverage of real shared-print records, and
 * the preservation audit. The database is shared with other test classes, so each check looks at its own rows.
 */
@QuarkusTest
class ReportsApiTest {

    @Test
    void procurementReportsAddUpThePurchaseTheSharesTheSavingsAndTheCostPerUse() {
        String a = member(1000);
        String b = member(3000);
        String staffA = createUser("ILL_STAFF", a);
        String staffB = createUser("ILL_STAFF", b);
        String manager = createUser("ALLIANCE_MANAGER", null);

        // A package of the journals in a real COUNTER R5 TR_J1 report, for 2021.
        JsonObject report = new JsonObject(new String(SharedData.bytes("counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_j1.json"),
                StandardCharsets.UTF_8));
        StringBuilder kbart = new StringBuilder("publication_title\tonline_identifier\n");
        JsonArray items = report.getJsonArray("Report_Items");
        for (int i = 0; i < items.size(); i++) {
            kbart.append(items.getJsonObject(i).getString("Title")).append('\t')
                    .append(items.getJsonObject(i).getJsonArray("Item_ID").getJsonObject(0).getString("Value")).append('\n');
        }
        Map<String, Object> body = new HashMap<>(Map.of("title", "Karger journals 2021", "resourceKind", "TITLE_LIST",
                "vendor", "S. Karger AG", "currency", "EUR", "consortiumPriceMinor", 100_001, "termStart", "2021-01-01",
                "termEnd", "2021-12-31", "licence", Map.of("illPrint", true, "illElectronic", true),
                "formula", Map.of("components", List.of(Map.of("basis", "FTE", "weight", 1)))));
        body.put("listPrices", List.of(Map.of("memberCode", a, "amountMinor", 90_000), Map.of("memberCode", b, "amountMinor", 150_000)));
        long proposal = ((Number) as(manager, STAFF_PASSWORD).body(body).post("/api/v1/procurement/proposals").then()
                .statusCode(201).extract().path("id")).longValue();
        as(manager, STAFF_PASSWORD).contentType("text/tab-separated-values").body(kbart.toString())
                .put("/api/v1/procurement/proposals/{id}/title-list", proposal).then().statusCode(200);
        as(staffA, STAFF_PASSWORD).body(Map.of("amountMinor", 30_000)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", proposal, a)
                .then().statusCode(200);
        as(staffB, STAFF_PASSWORD).body(Map.of("amountMinor", 70_000)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", proposal, b)
                .then().statusCode(200);
        as(staffA, STAFF_PASSWORD).body(report.encode()).post("/api/v1/usage/{m}", a).then().statusCode(200);
        long purchase = ((Number) as(manager, STAFF_PASSWORD).body(Map.of("decision", "APPROVE"))
                .post("/api/v1/procurement/proposals/{id}/decision", proposal).then().statusCode(200).extract().path("purchaseId"))
                .longValue();
        // FTE 1000 : 3000 of 1,000.01 EUR: A 250.00, B 750.01.
        int shareA = 25_000;
        int shareB = 75_001;
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        var co = manager(manager).queryParam("from", today).queryParam("to", today).get("/api/v1/reports/co-purchasing")
                .then().statusCode(200).extract();
        Map<String, Object> line = co.<List<Map<String, Object>>>path("purchases").stream()
                .filter(p -> ((Number) p.get("purchaseId")).longValue() == purchase).findFirst().orElseThrow();
        assertEquals(100_001, line.get("priceMinor"));
        assertTrue((int) co.path("proposalsApproved") >= 1);
        assertTrue((int) co.path("pledges") >= 2);
        String coCsv = manager(manager).queryParam("from", today).get("/api/v1/reports/co-purchasing/csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(coCsv.startsWith("purchase_id,approved_at,title,vendor,currency,price_minor,member,share_minor,pledged_minor"));
        assertTrue(coCsv.contains(",Karger journals 2021,S. Karger AG,EUR,100001," + a + "," + shareA + ",30000"), coCsv);

        List<Map<String, Object>> spend = manager(manager).get("/api/v1/reports/spend").then().statusCode(200).extract().path("members");
        Map<String, Object> spendA = spend.stream().filter(m -> a.equals(m.get("memberCode"))).findFirst().orElseThrow();
        assertEquals(shareA, spendA.get("spentMinor"));
        assertEquals(90_000 - shareA, spendA.get("savedMinor"));
        assertTrue(manager(manager).get("/api/v1/reports/spend/csv").then().extract().asString()
                .contains(b + ",EUR,1," + shareB + ",150000," + (150_000 - shareB)));

        Map<String, Object> saved = manager(manager).get("/api/v1/reports/savings").then().statusCode(200).extract()
                .<List<Map<String, Object>>>path("purchases").stream()
                .filter(p -> ((Number) p.get("purchaseId")).longValue() == purchase).findFirst().orElseThrow();
        assertEquals(240_000, saved.get("listPricesMinor"));
        assertEquals(240_000 - 100_001, saved.get("savedMinor"), "the separate list prices less the consortium price");

        // Cost per use in 2021: A used the journals 587 times (Total_Item_Requests); B recorded no use.
        List<Map<String, Object>> cpu = manager(manager).queryParam("from", "2021-01-01").queryParam("to", "2021-12-31")
                .get("/api/v1/reports/cost-per-use").then().statusCode(200).extract().<List<Map<String, Object>>>path("lines")
                .stream().filter(l -> ((Number) l.get("purchaseId")).longValue() == purchase).toList();
        assertEquals(2, cpu.size());
        Map<String, Object> cpuA = cpu.stream().filter(l -> a.equals(l.get("memberCode"))).findFirst().orElseThrow();
        assertEquals(587, cpuA.get("uses"));
        assertEquals(43, cpuA.get("costPerUseMinor"), "250.00 EUR / 587 uses = 0.43 EUR");
        assertEquals(null, cpu.stream().filter(l -> b.equals(l.get("memberCode"))).findFirst().orElseThrow().get("costPerUseMinor"));

        // Reports are the managers' and admins'; staff and adapters are refused, anonymous callers unauthenticated.
        asAdmin().get("/api/v1/reports/savings").then().statusCode(200);
        for (String path : List.of("co-purchasing", "spend", "savings", "cost-per-use", "retention-coverage", "preservation-audit",
                "spend/csv", "preservation-audit/csv")) {
            as(staffA, STAFF_PASSWORD).get("/api/v1/reports/" + path).then().statusCode(403)
                    .body("detail", containsString("ILL staff of " + a));
            withKey(createApiKey(a)).get("/api/v1/reports/" + path).then().statusCode(403);
            io.restassured.RestAssured.given().get("/api/v1/reports/" + path).then().statusCode(401);
        }
        manager(manager).queryParam("from", "2022-01-01").queryParam("to", "2021-01-01").get("/api/v1/reports/spend").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void retentionCoverageCountsRetainedCopiesAgainstTheTargetAndTheAuditFlagsUnits() {
        String a = createMember();
        String b = createMember();
        String keyA = createApiKey(a);
        String keyB = createApiKey(b);
        String manager = createUser("ALLIANCE_MANAGER", null);
        String record = "99126831126106421";
        String file = "marc583/princeton-recap/marc_to_solr_fixtures/" + record + ".mrx";
        for (String key : List.of(keyA, keyB)) {
            withKey(key).contentType("application/marcxml+xml").body(SharedData.bytes(file)).post("/api/v1/catalog/records")
                    .then().statusCode(200);
        }
        long cluster = ((Number) asAdmin().get("/api/v1/catalog/records/{m}/{id}", a, record).then().extract().path("clusterId"))
                .longValue();
        long two = program(manager, "Two copies " + System.nanoTime(), 2);
        long one = program(manager, "One copy " + System.nanoTime(), 1);
        String ending = LocalDate.now(ZoneOffset.UTC).plusMonths(2).toString();
        for (long program : List.of(two, one)) {
            manager(manager).body(Map.of("memberCode", a, "localId", record, "endDate", ending))
                    .post("/api/v1/retention/programs/{p}/commitments", program).then().statusCode(201);
        }

        var coverage = manager(manager).queryParam("withinMonths", 3).get("/api/v1/reports/retention-coverage").then()
                .statusCode(200).extract();
        Map<String, Object> twoCopies = program(coverage.path("programs"), two);
        assertEquals(1, twoCopies.get("gaps"), "two members or more hold it, one retains it: a gap");
        Map<String, Object> gap = ((List<Map<String, Object>>) twoCopies.get("lines")).get(0);
        // Other tests may hold the same record: the holders are whoever the catalog says, two at least.
        int holders = asAdmin().get("/api/v1/catalog/clusters/{id}", cluster).then().extract().<List<?>>path("holdings").size();
        assertTrue(holders >= 2);
        assertEquals(Map.of("clusterId", (int) cluster, "holders", holders, "retained", 1, "required", 2, "status", "GAP"),
                Map.of("clusterId", gap.get("clusterId"), "holders", gap.get("holders"), "retained", gap.get("retained"),
                        "required", gap.get("required"), "status", gap.get("status")));
        assertEquals(1, ((List<?>) twoCopies.get("expiring")).size());
        assertEquals(1, program(coverage.path("programs"), one).get("met"));
        assertTrue(manager(manager).get("/api/v1/reports/retention-coverage/csv").then().statusCode(200).extract().asString()
                .contains("," + cluster + ","), "the CSV lists the title");

        // A withdraws its record: the title is no longer retained anywhere.
        withKey(keyA).delete("/api/v1/catalog/records/{id}", record).then().statusCode(204);
        coverage = manager(manager).get("/api/v1/reports/retention-coverage").then().statusCode(200).extract();
        assertEquals(1, program(coverage.path("programs"), one).get("uncovered"));

        // The audit counts a unit whose only copy is overdue.
        long unit = ((Number) manager(manager).body(Map.of("name", "Audit unit", "clusterId", cluster, "targetCopies", 1,
                "fixityIntervalDays", 30)).post("/api/v1/preservation/units").then().statusCode(201).extract().path("id")).longValue();
        manager(manager).body(Map.of("digestAlgorithm", "MD5", "digestValue", "d41d8cd98f00b204e9800998ecf8427e",
                "firstCheckDue", "2020-01-01")).put("/api/v1/preservation/units/{u}/copies/{m}", unit, b).then().statusCode(200);
        var audit = manager(manager).get("/api/v1/reports/preservation-audit").then().statusCode(200).extract();
        assertTrue((int) audit.path("overdueChecks") >= 1);
        assertEquals(List.of("OVERDUE_CHECK"), audit.<List<Map<String, Object>>>path("details").stream()
                .filter(u -> ((Number) u.get("id")).longValue() == unit).findFirst().orElseThrow().get("flags"));
        assertTrue(manager(manager).get("/api/v1/reports/preservation-audit/csv").then().extract().asString()
                .contains(unit + ",Audit unit," + b + ",MD5,,,2020-01-01,true,OVERDUE_CHECK"));
    }

    private static Map<String, Object> program(List<Map<String, Object>> programs, long id) {
        return programs.stream().filter(p -> ((Number) p.get("programId")).longValue() == id).findFirst().orElseThrow();
    }

    private static long program(String manager, String name, int target) {
        return ((Number) manager(manager).body(Map.of("name", name, "targetCopies", target)).post("/api/v1/retention/programs")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    private static RequestSpecification manager(String username) {
        return as(username, STAFF_PASSWORD);
    }

    private static String member(int fte) {
        String code = newCode();
        Map<String, Object> body = new HashMap<>(memberBody(code, "Library " + code));
        body.put("fte", fte);
        asAdmin().body(body).post("/api/v1/members").then().statusCode(201);
        return code;
    }
}
