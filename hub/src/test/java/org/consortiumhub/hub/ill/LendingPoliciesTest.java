package org.consortiumhub.hub.ill;

import static org.consortiumhub.hub.ill.IllFixtures.library;
import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Lending policies: admins set them, the member's staff and alliance managers read them, nobody else. */
@QuarkusTest
class LendingPoliciesTest {

    static final Map<String, Object> POLICY = Map.ofEntries(Map.entry("lendsLoans", true), Map.entry("lendsCopies", false),
            Map.entry("materialTypes", List.of("BOOK", "SCORE")), Map.entry("loanPeriodDays", 21),
            Map.entry("maxActiveLoans", 30), Map.entry("loanCost", 2.5), Map.entry("answerDays", 3),
            Map.entry("rushAnswerHours", 8), Map.entry("lastResort", true),
            Map.entry("closures", List.of(Map.of("firstDay", "2026-12-24", "lastDay", "2027-01-01", "reason", "Winter holidays"))),
            Map.entry("availabilityUrl", "https://adapter.example.org/ill"), Map.entry("availabilitySecret", "s3cret"));

    @Test
    void anAdminSetsAPolicyWhichTheMembersStaffAndManagersRead() {
        Library lib = library();
        asAdmin().body(POLICY).put("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(200)
                .body("memberCode", equalTo(lib.code()))
                .body("materialTypes", equalTo(List.of("BOOK", "SCORE")))
                .body("closures[0].reason", equalTo("Winter holidays"))
                .body("hasAvailabilitySecret", equalTo(true))
                .body("availabilitySecret", nullValue())
                .body("updatedBy", equalTo("admin"));
        lib.staffCall().get("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(200)
                .body("loanPeriodDays", equalTo(21)).body("lastResort", equalTo(true));
        String manager = createUser("ALLIANCE_MANAGER", null);
        as(manager, STAFF_PASSWORD).get("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(200);

        // the secret is kept when left out, removed when empty
        var update = new java.util.HashMap<>(POLICY);
        update.remove("availabilitySecret");
        asAdmin().body(update).put("/api/v1/ill/lending-policies/{c}", lib.code()).then().body("hasAvailabilitySecret", equalTo(true));
        update.put("availabilitySecret", "");
        asAdmin().body(update).put("/api/v1/ill/lending-policies/{c}", lib.code()).then().body("hasAvailabilitySecret", equalTo(false));
    }

    @Test
    void othersMayNeitherReadNorSetIt() {
        Library lib = library();
        Library other = library();
        asAdmin().body(POLICY).put("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(200);
        other.staffCall().get("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(403);
        lib.staffCall().body(POLICY).put("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(403);
        String manager = createUser("ALLIANCE_MANAGER", null);
        as(manager, STAFF_PASSWORD).body(POLICY).put("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(403);
        withKey(lib.apiKey()).get("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(403);
        asAdmin().get("/api/v1/ill/lending-policies/{c}", other.code()).then().statusCode(404);
        asAdmin().body(POLICY).put("/api/v1/ill/lending-policies/{c}", "ZZ-NOSUCH").then().statusCode(404);
    }

    @Test
    void aPolicyWithBadValuesIsRefusedNamingEachField() {
        Library lib = library();
        var bad = new java.util.HashMap<>(POLICY);
        bad.put("loanPeriodDays", 0);
        bad.put("loanCost", -1);
        bad.put("materialTypes", List.of("SCROLL"));
        bad.put("availabilityUrl", "ftp://adapter.example.org");
        bad.put("closures", List.of(Map.of("firstDay", "2026-12-24", "lastDay", "2026-12-01")));
        asAdmin().body(bad).put("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(400)
                .body("errors.field", hasItems("loanPeriodDays", "loanCost", "materialTypes", "availabilityUrl",
                        "closures[0].lastDay"));
        asAdmin().get("/api/v1/ill/lending-policies/{c}", lib.code()).then().statusCode(404);
    }
}
