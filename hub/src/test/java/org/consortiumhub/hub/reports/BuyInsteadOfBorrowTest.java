package org.consortiumhub.hub.reports;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.consortiumhub.hub.ill.IllFixtures;
import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Titles that members without a copy keep borrowing are suggested for purchase, with who asked how often. */
@QuarkusTest
class BuyInsteadOfBorrowTest {

    @Test
    void titlesRequestedOftenByMembersThatLackThemAreSuggestedWithTheRequestingMembers() {
        // Two lenders hold a title; two other members, holding nothing, borrow it three and two times.
        Library lender = IllFixtures.library();
        Library spare = IllFixtures.library();
        String isbn = IllFixtures.newIsbn();
        String localId = IllFixtures.holds(lender, isbn, "Often borrowed " + isbn, true);
        IllFixtures.holds(spare, isbn, "Often borrowed " + isbn, true);
        IllFixtures.policy(lender);
        IllFixtures.policy(spare);
        long cluster = IllFixtures.clusterOf(lender, localId);
        Library a = IllFixtures.library();
        Library b = IllFixtures.library();
        for (int i = 0; i < 3; i++) {
            IllFixtures.request(a, IllFixtures.loanOf(cluster, "PA-" + i)).then().statusCode(201);
        }
        for (int i = 0; i < 2; i++) {
            IllFixtures.request(b, IllFixtures.loanOf(cluster, "PB-" + i)).then().statusCode(201);
        }
        // The lender itself requesting a title it holds is no reason to buy it.
        IllFixtures.request(lender, IllFixtures.loanOf(cluster, "PL-1")).then().statusCode(201);

        String manager = createUser("ALLIANCE_MANAGER", null);
        var report = as(manager, STAFF_PASSWORD).queryParam("minRequests", 5).get("/api/v1/reports/buy-instead-of-borrow")
                .then().statusCode(200).body("minRequests", equalTo(5)).extract().jsonPath();
        List<Map<String, Object>> suggestions = report.getList("suggestions");
        Map<String, Object> ours = suggestions.stream()
                .filter(s -> ((Number) s.get("clusterId")).longValue() == cluster).findFirst().orElseThrow();
        assertEquals(5, ours.get("requests"), "requests by members that do not hold it");
        assertEquals(2, ours.get("holders"));
        assertEquals(List.of(Map.of("memberCode", a.code(), "requests", 3), Map.of("memberCode", b.code(), "requests", 2)),
                ours.get("requestingMembers"));
        assertTrue(((String) ours.get("title")).startsWith("Often borrowed"));

        String csv = as(manager, STAFF_PASSWORD).queryParam("minRequests", 5)
                .get("/api/v1/reports/buy-instead-of-borrow/csv").then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("cluster_id,title,requests,holders,member,member_requests\r\n"), csv);
        assertTrue(csv.contains("\r\n" + cluster + ",Often borrowed " + isbn + ",5,2," + a.code() + ",3\r\n"), csv);
        assertTrue(csv.contains("\r\n" + cluster + ",Often borrowed " + isbn + ",5,2," + b.code() + ",2\r\n"), csv);

        // Six requests is more than there were: the title is not suggested.
        var stricter = as(manager, STAFF_PASSWORD).queryParam("minRequests", 6).get("/api/v1/reports/buy-instead-of-borrow")
                .then().statusCode(200).extract().jsonPath().getList("suggestions.clusterId", Long.class);
        assertTrue(!stricter.contains(cluster), stricter.toString());
        // Once member a buys a copy, its requests no longer count.
        IllFixtures.holds(a, isbn, "Often borrowed " + isbn, false);
        var after = asAdmin().queryParam("minRequests", 2).get("/api/v1/reports/buy-instead-of-borrow").then().statusCode(200)
                .extract().jsonPath().getList("suggestions", Map.class).stream()
                .filter(s -> ((Number) s.get("clusterId")).longValue() == cluster).findFirst().orElseThrow();
        assertEquals(2, after.get("requests"));

        // Staff and adapters may not read it; bad parameters are named.
        as(a.staff(), STAFF_PASSWORD).get("/api/v1/reports/buy-instead-of-borrow").then().statusCode(403);
        withKey(a.apiKey()).get("/api/v1/reports/buy-instead-of-borrow").then().statusCode(403);
        as(a.staff(), STAFF_PASSWORD).get("/api/v1/reports/buy-instead-of-borrow/csv").then().statusCode(403);
        as(manager, STAFF_PASSWORD).queryParam("minRequests", 0).get("/api/v1/reports/buy-instead-of-borrow").then()
                .statusCode(400);
        as(manager, STAFF_PASSWORD).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/api/v1/reports/buy-instead-of-borrow").then().statusCode(400).body("errors[0].field", equalTo("from"));
    }
}
