package org.consortiumhub.hub.preservation;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Coverage, alerts and allocation on a real catalog: two members ingest the same 1,000 real records from
 * {@code ../shared/data/marc}; commitments arrive by CSV; coverage follows the program's target as members commit
 * and withdraw records, and scarce titles without a commitment are offered to their holders.
 */
@QuarkusTest
class RetentionOnRealCatalogTest {

    static final String FILE = "marc/perf_For_LA_edeposit_updates_1k.mrc";

    @Test
    void coverageAndAlertsFollowCommitmentsAndWithdrawalsOnARealCatalog() {
        String a = createMember();
        String b = createMember();
        String keyA = createApiKey(a);
        String staffA = createUser("ILL_STAFF", a);
        String staffB = createUser("ILL_STAFF", b);
        String manager = createUser("ALLIANCE_MANAGER", null);
        for (String key : List.of(keyA, createApiKey(b))) {
            var report = withKey(key).contentType("application/marc").body(SharedData.bytes(FILE)).post("/api/v1/catalog/records")
                    .then().statusCode(200).extract();
            assertEquals(1000, (int) report.path("created"), report.asString());
        }

        // Forty records of distinct clusters, each held by both members.
        Map<String, Long> clusters = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        for (MarcRecord r : SharedData.records(FILE)) {
            long cluster = ((Number) asAdmin().get("/api/v1/catalog/records/{m}/{id}", a, r.controlNumber()).then()
                    .extract().path("clusterId")).longValue();
            if (seen.add(cluster)) {
                clusters.put(r.controlNumber(), cluster);
            }
            if (clusters.size() == 40) {
                break;
            }
        }
        List<String> ids = new ArrayList<>(clusters.keySet());
        long program = ((Number) as(manager, STAFF_PASSWORD).body(Map.of("name", "Legal deposit " + System.nanoTime(),
                "targetCopies", 2)).post("/api/v1/retention/programs").then().statusCode(201).extract().path("id")).longValue();

        // A commits all forty, ten of them ending within six months; B commits the first twenty.
        String soon = LocalDate.now(ZoneOffset.UTC).plusMonths(4).toString();
        StringBuilder csvA = new StringBuilder("member,local_id,start,end,validation_level\n");
        for (int i = 0; i < 40; i++) {
            csvA.append(a).append(',').append(ids.get(i)).append(",2025-01-01,").append(i < 10 ? soon : "2040-12-31")
                    .append(",title-level\n");
        }
        as(staffA, STAFF_PASSWORD).contentType("text/csv").body(csvA.toString())
                .put("/api/v1/retention/programs/{p}/commitments/csv", program).then().statusCode(200).body("created", equalTo(40));
        StringBuilder csvB = new StringBuilder("member,local_id\n");
        ids.subList(0, 20).forEach(id -> csvB.append(b).append(',').append(id).append('\n'));
        as(staffB, STAFF_PASSWORD).contentType("text/csv").body(csvB.toString())
                .put("/api/v1/retention/programs/{p}/commitments/csv", program).then().statusCode(200).body("created", equalTo(20));

        Map<String, Object> coverage = coverage(manager, program);
        assertEquals(40, coverage.get("titles"));
        assertEquals(20, coverage.get("met"), "held by two, retained by two");
        assertEquals(20, coverage.get("gaps"), "held by two, retained by one");
        assertEquals(10, ((List<?>) coverage.get("expiring")).size());

        // A withdraws two records B also retains, and one only A retained.
        for (String id : List.of(ids.get(0), ids.get(1), ids.get(30))) {
            withKey(keyA).delete("/api/v1/catalog/records/{id}", id).then().statusCode(204);
        }
        List<Map<String, Object>> withdrawn = as(staffA, STAFF_PASSWORD).get("/api/v1/retention/alerts").then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("$").stream()
                .filter(x -> ((Number) x.get("programId")).longValue() == program && "WITHDRAWN".equals(x.get("kind"))).toList();
        assertEquals(Set.of(ids.get(0), ids.get(1), ids.get(30)), Set.copyOf(withdrawn.stream().map(x -> x.get("localId")).toList()));

        coverage = coverage(manager, program);
        // The two B still retains are now held by B alone: one copy is all a title held once can keep.
        assertEquals(20, coverage.get("met"));
        assertEquals(19, coverage.get("gaps"));
        assertEquals(1, coverage.get("uncovered"), "the title only A retained is retained nowhere now");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) coverage.get("lines")).get(0);
        assertEquals("UNCOVERED", first.get("status"), "gaps and uncovered titles come first");
        assertEquals(clusters.get(ids.get(30)).intValue(), first.get("clusterId"));

        // Titles both hold (fewer than three holders) that nobody has committed to keep are offered to A.
        List<Map<String, Object>> suggestions = as(manager, STAFF_PASSWORD).queryParam("member", a).queryParam("maxHolders", 3)
                .queryParam("limit", 200).get("/api/v1/retention/programs/{p}/allocation-suggestions", program).then()
                .statusCode(200).extract().path("$");
        assertEquals(200, suggestions.size());
        Set<Long> committed = Set.copyOf(clusters.values());
        assertTrue(suggestions.stream().noneMatch(s -> committed.contains(((Number) s.get("clusterId")).longValue())));
        assertTrue(suggestions.stream().allMatch(s -> ((List<?>) s.get("holders")).contains(a)));
    }

    private static Map<String, Object> coverage(String manager, long program) {
        return as(manager, STAFF_PASSWORD).get("/api/v1/reports/retention-coverage").then().statusCode(200).extract()
                .<List<Map<String, Object>>>path("programs").stream()
                .filter(p -> ((Number) p.get("programId")).longValue() == program).findFirst().orElseThrow();
    }
}
