package org.consortiumhub.hub.preservation;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcFormat;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Shared print retention over HTTP, on real shared-print records: the ReCAP exports' 583 "committed to retain"
 * fields become commitments and come back out as the same 583 fields; CSV goes out and in again unchanged; a
 * member withdrawing a committed record raises an alert; and callers are held to their own member.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionApiTest {

    static final String HARVARD = "marc583/princeton-recap/several_records.xml";
    static final List<String> PRINCETON = List.of("marc583/princeton-recap/marc_to_solr_fixtures/99126831126106421.mrx",
            "marc583/princeton-recap/marc_to_solr_fixtures/99126873402206421.mrx");
    static final String PRINCETON_UNCOMMITTED = "marc583/princeton-recap/marc_to_solr_fixtures/9939238033506421.mrx";

    String hul;
    String pul;
    String hulStaff;
    String pulStaff;
    String manager;
    String pulKey;
    String hulKey;

    @BeforeEach
    void consortium() {
        if (hul != null) {
            return;
        }
        hul = createMember();
        pul = createMember();
        hulStaff = createUser("ILL_STAFF", hul);
        pulStaff = createUser("ILL_STAFF", pul);
        manager = createUser("ALLIANCE_MANAGER", null);
        hulKey = createApiKey(hul);
        pulKey = createApiKey(pul);
        ingest(hulKey, HARVARD);
        PRINCETON.forEach(f -> ingest(pulKey, f));
        ingest(pulKey, PRINCETON_UNCOMMITTED);
    }

    @Test
    void retention583sOfRealRecordsRoundTripThroughCommitmentsAndCsv() {
        // The programs as the records name them in 583 $f: Harvard's copies are committed to the ReCAP Shared
        // Collection, three of them to HathiTrust's print program as well; Princeton's to ReCAP.
        long recap = program("ReCAP Shared Collection", 2, null);
        long hathi = program("HathiTrust", 1, 25);
        long princeton = program("ReCAP", 2, null);
        manager().queryParam("member", hul).post("/api/v1/retention/programs/{p}/commitments/import-583", recap).then()
                .statusCode(200).body("recordsRead", equalTo(29)).body("created", equalTo(26)).body("skipped", equalTo(3));
        manager().queryParam("member", hul).post("/api/v1/retention/programs/{p}/commitments/import-583", recap).then()
                .statusCode(200).body("created", equalTo(0)).body("updated", equalTo(26));
        staff(hulStaff).queryParam("member", hul).post("/api/v1/retention/programs/{p}/commitments/import-583", hathi).then()
                .statusCode(200).body("created", equalTo(3)).body("skipped", equalTo(26));
        staff(pulStaff).queryParam("member", pul).post("/api/v1/retention/programs/{p}/commitments/import-583", princeton)
                .then().statusCode(200).body("created", equalTo(3)).body("recordsRead", equalTo(3));

        var hathiCommitments = manager().get("/api/v1/retention/programs/{p}/commitments", hathi).then().statusCode(200).extract();
        assertEquals(List.of("20421231", "20421231", "20421231"), hathiCommitments.path("endRaw"));
        assertEquals("2042-12-31", hathiCommitments.path("[0].endDate"));
        Map<String, Object> italian = manager().get("/api/v1/retention/programs/{p}/commitments", princeton).then().extract()
                .<List<Map<String, Object>>>path("$").stream()
                .filter(c -> "99126831126106421".equals(c.get("localId"))).findFirst().orElseThrow();
        assertEquals("Vol. 1", italian.get("materials"));
        assertEquals("in perpetuity", italian.get("endRaw"));
        assertEquals(null, italian.get("endDate"));
        assertEquals(List.of("ReCAP", "Italian Language Imprints Collaborative Collection"), italian.get("authorizations"));

        // Out as MARC: for every record, exactly the 583 retention fields it came in with, in their order.
        Map<String, List<DataField>> exported = new HashMap<>();
        for (long program : new long[] { recap, hathi, princeton }) {
            String marcxml = manager().get("/api/v1/retention/programs/{p}/commitments/marc", program).then().statusCode(200)
                    .contentType(containsString("marcxml")).extract().asString();
            try (MarcInput in = MarcInput.readEachRecord(new ByteArrayInputStream(marcxml.getBytes(StandardCharsets.UTF_8)),
                    MarcFormat.MARCXML)) {
                in.forEachRemaining(r -> {
                    MarcRecord record = ((ReadRecord) r).record();
                    exported.computeIfAbsent(record.controlField("003") + "/" + record.controlNumber(), k -> new ArrayList<>())
                            .addAll(record.fields("583"));
                });
            }
        }
        Map<String, List<DataField>> original = new HashMap<>();
        List<String> files = new ArrayList<>(PRINCETON);
        files.add(0, HARVARD);
        for (String file : files) {
            String member = file.equals(HARVARD) ? hul : pul;
            for (MarcRecord r : SharedData.records(file)) {
                List<DataField> retention = r.fields("583").stream().filter(f -> RetentionNote.fromField(f).isPresent()).toList();
                if (!retention.isEmpty()) {
                    original.put(member + "/" + r.controlNumber(), retention);
                }
            }
        }
        assertEquals(29 + 3, original.values().stream().mapToInt(List::size).sum(),
                "the Harvard records hold 29 retention 583s, the Princeton ones 3");
        assertEquals(original, exported, "every 583 comes back exactly as it was catalogued");

        // Out as CSV and into another program: the same commitments.
        String csv = manager().get("/api/v1/retention/programs/{p}/commitments/csv", recap).then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("member,local_id,cluster_id,materials,link,start,end,end_raw"), csv);
        long copy = program("ReCAP copy " + System.nanoTime(), 2, null);
        manager().contentType("text/csv").body(csv).put("/api/v1/retention/programs/{p}/commitments/csv", copy).then()
                .statusCode(200).body("created", equalTo(26));
        assertEquals(csv, manager().get("/api/v1/retention/programs/{p}/commitments/csv", copy).then().extract().asString());
    }

    @Test
    void withdrawingACommittedRecordAndACommitmentEndingSoonRaiseAlerts() {
        long program = program("Alerts " + System.nanoTime(), 1, 10);
        // A member of its own, so that withdrawing its record leaves the other tests' catalog alone.
        String npl = createMember();
        String nplKey = createApiKey(npl);
        String nplStaff = createUser("ILL_STAFF", npl);
        ingest(nplKey, PRINCETON.get(1));
        staff(nplStaff).queryParam("member", npl).queryParam("anyAuthorization", true)
                .post("/api/v1/retention/programs/{p}/commitments/import-583", program).then().statusCode(200)
                .body("created", equalTo(2));
        LocalDate soon = LocalDate.now(ZoneOffset.UTC).plusMonths(3);
        String hulRecord = SharedData.records(HARVARD).get(0).controlNumber();
        long ending = ((Number) staff(hulStaff).body(Map.of("memberCode", hul, "localId", hulRecord, "endDate", soon.toString(),
                "validationLevel", "volume-level", "condition", "good")).post("/api/v1/retention/programs/{p}/commitments", program)
                .then().statusCode(201).body("endRaw", equalTo(RetentionNote.marcDate(soon))).extract().path("id")).longValue();
        // Without an end, the program's ten-year term applies.
        String second = SharedData.records(HARVARD).get(1).controlNumber();
        manager().body(Map.of("memberCode", hul, "localId", second, "startDate", "2024-07-01"))
                .post("/api/v1/retention/programs/{p}/commitments", program).then().statusCode(201)
                .body("endDate", equalTo("2034-06-30"));
        manager().body(Map.of("memberCode", hul, "localId", second))
                .post("/api/v1/retention/programs/{p}/commitments", program).then().statusCode(409);
        manager().body(Map.of("memberCode", hul, "localId", "no-such-record"))
                .post("/api/v1/retention/programs/{p}/commitments", program).then().statusCode(404)
                .body("detail", containsString("no record 'no-such-record'"));

        withKey(nplKey).delete("/api/v1/catalog/records/{id}", "99126873402206421").then().statusCode(204);

        List<Map<String, Object>> alerts = manager().queryParam("withinMonths", 6).get("/api/v1/retention/alerts").then()
                .statusCode(200).extract().path("$");
        List<Map<String, Object>> ours = alerts.stream().filter(a -> ((Number) a.get("programId")).longValue() == program).toList();
        assertEquals(List.of("WITHDRAWN", "WITHDRAWN", "ENDING"), ours.stream().map(a -> a.get("kind")).toList(), ours.toString());
        assertEquals("99126873402206421", ours.get(0).get("localId"));
        assertEquals(ending, ((Number) ours.get(2).get("commitmentId")).longValue());
        assertTrue(manager().queryParam("withinMonths", 1).get("/api/v1/retention/alerts").then().extract()
                .<List<Map<String, Object>>>path("$").stream().noneMatch(a -> ((Number) a.get("commitmentId")).longValue() == ending));
        // Staff see their own member's alerts only.
        assertTrue(staff(hulStaff).get("/api/v1/retention/alerts").then().statusCode(200).extract()
                .<List<String>>path("memberCode").stream().allMatch(hul::equals));
        staff(nplStaff).get("/api/v1/retention/programs/{p}/commitments", program).then().statusCode(200)
                .body("recordPresent", equalTo(List.of(false, false)));

        // Deprecation: by the member's staff or a manager, with a reason.
        staff(nplStaff).body(Map.of("reason", "not ours")).post("/api/v1/retention/commitments/{id}/deprecation", ending)
                .then().statusCode(403).body("detail", containsString("ILL staff of " + npl));
        staff(hulStaff).body(Map.of("reason", "volume damaged beyond repair"))
                .post("/api/v1/retention/commitments/{id}/deprecation", ending).then().statusCode(200)
                .body("status", equalTo("DEPRECATED")).body("deprecationReason", equalTo("volume damaged beyond repair"));
        staff(hulStaff).body(Map.of("reason", "again")).post("/api/v1/retention/commitments/{id}/deprecation", ending)
                .then().statusCode(409);
        assertTrue(manager().queryParam("member", hul).get("/api/v1/retention/programs/{p}/commitments/marc", program).then()
                .extract().asString().contains("retention deprecated: volume damaged beyond repair"));
    }

    @Test
    void scarceTitlesWithoutACommitmentAreSuggestedToTheirHolder() {
        long program = program("Scarce " + System.nanoTime(), 3, null);
        staff(pulStaff).queryParam("member", pul).queryParam("anyAuthorization", true)
                .post("/api/v1/retention/programs/{p}/commitments/import-583", program).then().statusCode(200);
        List<Map<String, Object>> suggestions = manager().queryParam("member", pul).queryParam("maxHolders", 3)
                .get("/api/v1/retention/programs/{p}/allocation-suggestions", program).then().statusCode(200).extract().path("$");
        long uncommitted = ((Number) asAdmin().get("/api/v1/catalog/records/{m}/{id}", pul, "9939238033506421").then()
                .extract().path("clusterId")).longValue();
        long committed = ((Number) asAdmin().get("/api/v1/catalog/records/{m}/{id}", pul, "99126831126106421").then()
                .extract().path("clusterId")).longValue();
        assertTrue(suggestions.stream().anyMatch(s -> ((Number) s.get("clusterId")).longValue() == uncommitted
                && pul.equals(s.get("suggestedMember"))), suggestions.toString());
        assertFalse(suggestions.stream().anyMatch(s -> ((Number) s.get("clusterId")).longValue() == committed));
        assertTrue(suggestions.stream().allMatch(s -> ((List<?>) s.get("holders")).size() < 3));
    }

    @Test
    void callersAreHeldToTheirOwnMemberAndManagersAlone() {
        long program = program("Access " + System.nanoTime(), 2, null);
        Map<String, Object> newProgram = Map.of("name", "Not mine " + System.nanoTime(), "targetCopies", 1);
        refused(staff(hulStaff).body(newProgram).post("/api/v1/retention/programs"), "ILL staff of " + hul);
        refused(asAdmin().body(newProgram).post("/api/v1/retention/programs"), "an admin");
        refused(withKey(hulKey).get("/api/v1/retention/programs"), "the adapter of " + hul);
        refused(staff(hulStaff).queryParam("member", pul).post("/api/v1/retention/programs/{p}/commitments/import-583", program),
                "ILL staff of " + hul);
        refused(staff(hulStaff).body(Map.of("memberCode", pul, "localId", "99126831126106421"))
                .post("/api/v1/retention/programs/{p}/commitments", program), "ILL staff of " + hul);
        refused(staff(hulStaff).queryParam("member", pul).get("/api/v1/retention/programs/{p}/commitments", program),
                "ILL staff of " + hul);
        refused(staff(hulStaff).get("/api/v1/retention/programs/{p}/allocation-suggestions", program), "ILL staff of " + hul);
        refused(staff(hulStaff).contentType("text/csv").body("member,local_id\n" + pul + ",99126831126106421\n")
                .put("/api/v1/retention/programs/{p}/commitments/csv", program), "ILL staff of " + hul);
        refused(withKey(hulKey).get("/api/v1/retention/alerts"), "the adapter of " + hul);
        staff(hulStaff).get("/api/v1/retention/programs/{p}/commitments", program).then().statusCode(200)
                .body("size()", equalTo(0));
        manager().body(Map.of("name", "access " + program, "targetCopies", 1)).post("/api/v1/retention/programs").then().statusCode(201);
        manager().body(Map.of("name", "ACCESS " + program, "targetCopies", 1)).post("/api/v1/retention/programs").then()
                .statusCode(409);

        // A CSV with bad lines records nothing and names every line at fault.
        String record = SharedData.records(HARVARD).get(2).controlNumber();
        String csv = "member,local_id,start,end,status,deprecation_reason\n"
                + hul + "," + record + ",2020-01-01,2030-12-31,ACTIVE,\n"
                + hul + ",,2020-01-01,,ACTIVE,\n"
                + hul + "," + record + ",2020-01-01,2019-12-31,ACTIVE,\n"
                + hul + "," + record + ",soon,,DEPRECATED,\n";
        manager().contentType("text/csv").body(csv).put("/api/v1/retention/programs/{p}/commitments/csv", program).then()
                .statusCode(400).body("errors.message", equalTo(List.of("line 3: local_id is empty",
                        "line 4: end 2019-12-31 is before start 2020-01-01", "line 5: start 'soon' is not a date (yyyy-mm-dd or yyyymmdd)",
                        "line 5: a DEPRECATED commitment needs a deprecation_reason")));
        manager().contentType("text/csv").body("member,local_id\n" + hul + ",missing-record\n")
                .put("/api/v1/retention/programs/{p}/commitments/csv", program).then().statusCode(400)
                .body("detail", containsString("line 2: member " + hul + " has no record 'missing-record'"));
        manager().get("/api/v1/retention/programs/{p}/commitments", program).then().body("size()", equalTo(0));
    }

    // ------------------------------------------------------------------------------------------------

    private long program(String name, int target, Integer termYears) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "targetCopies", target));
        if (termYears != null) {
            body.put("defaultTermYears", termYears);
        }
        return ((Number) manager().body(body).post("/api/v1/retention/programs").then().statusCode(201)
                .extract().path("id")).longValue();
    }

    private static void refused(io.restassured.response.Response response, String who) {
        response.then().statusCode(403).contentType("application/problem+json").body("detail", containsString(who));
    }

    private RequestSpecification manager() {
        return as(manager, STAFF_PASSWORD);
    }

    private static RequestSpecification staff(String username) {
        return as(username, STAFF_PASSWORD);
    }

    private static void ingest(String key, String file) {
        var report = withKey(key).contentType("application/marcxml+xml").body(SharedData.bytes(file))
                .post("/api/v1/catalog/records").then().extract();
        assertEquals(200, report.statusCode(), report.asString());
        assertEquals(0, (int) report.path("rejected"), report.asString());
    }
}
