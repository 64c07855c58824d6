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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Digital preservation duties over HTTP: copies, reported fixity checks, flags, and who may report what. */
@QuarkusTest
class PreservationApiTest {

    static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void checksReportedByTheHoldersKeepAUnitSoundAndFailuresFlagIt() {
        String a = createMember();
        String b = createMember();
        String staffA = createUser("ILL_STAFF", a);
        String staffB = createUser("ILL_STAFF", b);
        String manager = createUser("ALLIANCE_MANAGER", null);
        java.util.function.Supplier<RequestSpecification> managerCalls = () -> as(manager, STAFF_PASSWORD);

        long unit = ((Number) managerCalls.get().body(Map.of("name", "Theses 2019 (ETD batch 7)", "identifier", "ark:/88435/dcxg94j1575",
                "targetCopies", 2, "fixityIntervalDays", 90)).post("/api/v1/preservation/units").then().statusCode(201)
                .body("flags", equalTo(List.of("BELOW_TARGET"))).extract().path("id")).longValue();

        staff(staffA).body(Map.of("digestAlgorithm", "SHA-256", "digestValue", SHA256.toUpperCase(), "location", "s3://a/etd7"))
                .put("/api/v1/preservation/units/{u}/copies/{m}", unit, a).then().statusCode(200)
                .body("copies[0].digestValue", equalTo(SHA256));
        // B's copy was due for a check a week ago.
        managerCalls.get().body(Map.of("digestAlgorithm", "SHA-256", "digestValue", SHA256,
                "firstCheckDue", LocalDate.now(ZoneOffset.UTC).minusDays(7).toString()))
                .put("/api/v1/preservation/units/{u}/copies/{m}", unit, b).then().statusCode(200)
                .body("soundCopies", equalTo(2)).body("flags", equalTo(List.of("OVERDUE_CHECK")));
        assertTrue(flaggedIds(managerCalls.get()).contains(unit));

        // B checks: sound; due again in 90 days, and the unit needs nothing.
        staff(staffB).body(Map.of("outcome", "OK", "digestValue", SHA256))
                .post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", unit, b).then().statusCode(201)
                .body("outcome", equalTo("OK"))
                .body("nextDue", equalTo(LocalDate.now(ZoneOffset.UTC).plusDays(90).toString()));
        managerCalls.get().get("/api/v1/preservation/units/{u}", unit).then().body("flags", equalTo(List.of()));
        assertFalse(flaggedIds(managerCalls.get()).contains(unit));

        // A reports OK with a digest that differs: recorded as a mismatch; the unit is below target and failed.
        staff(staffA).body(Map.of("outcome", "OK", "digestValue", SHA256.replace('9', '8'), "note", "nightly audit"))
                .post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", unit, a).then().statusCode(201)
                .body("outcome", equalTo("MISMATCH"));
        managerCalls.get().get("/api/v1/preservation/units/{u}", unit).then().body("soundCopies", equalTo(1))
                .body("flags", equalTo(List.of("FAILED_CHECK", "BELOW_TARGET")));

        // Members report only for themselves; managers and admins report for nobody.
        refused(staff(staffB).body(Map.of("outcome", "OK")).post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", unit, a),
                "ILL staff of " + b);
        refused(managerCalls.get().body(Map.of("outcome", "OK")).post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", unit, a),
                "an alliance manager");
        refused(withKey(createApiKey(a)).body(Map.of("outcome", "OK"))
                .post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", unit, a), "the adapter of " + a);
        refused(staff(staffB).body(Map.of("digestAlgorithm", "MD5", "digestValue", "d41d8cd98f00b204e9800998ecf8427e"))
                .put("/api/v1/preservation/units/{u}/copies/{m}", unit, a), "ILL staff of " + b);
        refused(staff(staffA).body(Map.of("name", "x", "identifier", "doi:10.1/x", "targetCopies", 1, "fixityIntervalDays", 30))
                .post("/api/v1/preservation/units"), "ILL staff of " + a);
        refused(asAdmin().body(Map.of("name", "x", "identifier", "doi:10.1/x", "targetCopies", 1, "fixityIntervalDays", 30))
                .post("/api/v1/preservation/units"), "an admin");

        // Bad input is refused with the field at fault.
        staff(staffA).body(Map.of("digestAlgorithm", "SHA-256", "digestValue", "abc"))
                .put("/api/v1/preservation/units/{u}/copies/{m}", unit, a).then().statusCode(400)
                .body("errors[0].field", equalTo("digestValue")).body("detail", containsString("64 hexadecimal digits"));
        staff(staffA).body(Map.of("outcome", "OK", "checkedAt", "2099-01-01T00:00:00Z"))
                .post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", unit, a).then().statusCode(400)
                .body("errors[0].field", equalTo("checkedAt"));
        String c = createMember();
        staff(createUser("ILL_STAFF", c)).body(Map.of("outcome", "OK"))
                .post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", unit, c).then().statusCode(404)
                .body("detail", containsString("holds no copy"));
        managerCalls.get().body(Map.of("name", "nothing", "targetCopies", 1, "fixityIntervalDays", 30))
                .post("/api/v1/preservation/units").then().statusCode(400).body("errors[0].field", equalTo("clusterId"));
        managerCalls.get().body(Map.of("name", "gone", "clusterId", 987_654_321L, "targetCopies", 1, "fixityIntervalDays", 30))
                .post("/api/v1/preservation/units").then().statusCode(404);
    }

    private static List<Long> flaggedIds(RequestSpecification caller) {
        return caller.queryParam("flagged", true).get("/api/v1/preservation/units").then().statusCode(200).extract()
                .<List<Number>>path("id").stream().map(Number::longValue).toList();
    }

    private static void refused(io.restassured.response.Response response, String who) {
        response.then().statusCode(403).contentType("application/problem+json").body("detail", containsString(who));
    }

    private static RequestSpecification staff(String username) {
        return as(username, STAFF_PASSWORD);
    }
}
