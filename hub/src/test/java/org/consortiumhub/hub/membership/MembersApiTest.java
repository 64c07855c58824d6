package org.consortiumhub.hub.membership;

import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.memberBody;
import static org.consortiumhub.hub.support.Hub.newCode;
import static org.consortiumhub.hub.support.Hub.number;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.consortiumhub.hub.support.Hub;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

@QuarkusTest
class MembersApiTest {

    @Inject
    Pool pool;

    @Test
    void adminAddsAMemberAndEveryoneOnStaffCanReadIt() {
        String code = newCode();
        asAdmin().body(memberBody(code, "Riverbend College Library")).post("/api/v1/members")
                .then().statusCode(201)
                .body("code", equalTo(code))
                .body("name", equalTo("Riverbend College Library"))
                .body("fte", number(1200))
                .body("materialsBudget", number(250000.5))
                .body("shippingAddress.country", equalTo("US"))
                .body("active", equalTo(true))
                .body("createdAt", notNullValue());

        String manager = createUser("ALLIANCE_MANAGER", null);
        // Codes are found whatever their case.
        as(manager, Hub.STAFF_PASSWORD).get("/api/v1/members/{code}", code.toLowerCase())
                .then().statusCode(200).body("code", equalTo(code)).body("region", equalTo("North"));
        as(manager, Hub.STAFF_PASSWORD).get("/api/v1/members")
                .then().statusCode(200).body("code", hasItem(code));
    }

    @Test
    void activeFilterListsOnlyMembersInThatState() {
        String code = createMember();
        Map<String, Object> inactive = new HashMap<>(memberBody(code, "Closed Library"));
        inactive.remove("code");
        inactive.put("active", false);
        asAdmin().body(inactive).put("/api/v1/members/{code}", code).then().statusCode(200).body("active", equalTo(false));

        asAdmin().queryParam("active", false).get("/api/v1/members").then().statusCode(200).body("code", hasItem(code));
        asAdmin().queryParam("active", true).get("/api/v1/members").then().statusCode(200).body("code", not(hasItem(code)));
    }

    @Test
    void aSecondMemberWithTheSameCodeInAnotherCaseIsAConflict() {
        String code = createMember();
        asAdmin().body(memberBody(code.toLowerCase(), "Copy")).post("/api/v1/members")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
        asAdmin().get("/api/v1/members/{code}", code).then().body("name", equalTo("Library " + code));
    }

    @Test
    void adminChangesEveryFieldOfAMember() {
        String code = createMember();
        String before = asAdmin().get("/api/v1/members/{code}", code).then().extract().path("updatedAt");
        Map<String, Object> change = new HashMap<>(memberBody(code, "Renamed Library"));
        change.remove("code");
        change.put("region", "South");
        change.put("fte", 999.5);
        asAdmin().body(change).put("/api/v1/members/{code}", code)
                .then().statusCode(200)
                .body("name", equalTo("Renamed Library"))
                .body("region", equalTo("South"))
                .body("fte", number(999.5));
        String after = asAdmin().get("/api/v1/members/{code}", code).then().extract().path("updatedAt");
        assertNotEquals(before, after);
    }

    @Test
    void illStaffChangeTheirOwnContactDetailsButNothingElse() {
        String code = createMember();
        String staff = createUser("ILL_STAFF", code);
        Map<String, Object> change = new HashMap<>(memberBody(code, "Library " + code));
        change.remove("code");
        change.put("contactEmail", "new-desk@example.org");
        change.put("shippingAddress", Map.of("line1", "2 Loading Dock", "locality", "Springfield", "postalCode", "55402",
                "country", "US"));
        as(staff, Hub.STAFF_PASSWORD).body(change).put("/api/v1/members/{code}", code)
                .then().statusCode(200)
                .body("contactEmail", equalTo("new-desk@example.org"))
                .body("shippingAddress.line1", equalTo("2 Loading Dock"));

        // Renaming the library is an admin's job; the whole change is refused, contact details included.
        change.put("name", "Staff Renamed It");
        change.put("contactEmail", "other@example.org");
        as(staff, Hub.STAFF_PASSWORD).body(change).put("/api/v1/members/{code}", code)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        var stored = asAdmin().get("/api/v1/members/{code}", code).then().extract();
        assertEquals("Library " + code, stored.path("name"));
        assertEquals("new-desk@example.org", stored.path("contactEmail"));
    }

    @Test
    void anUnknownMemberIsNotFound() {
        asAdmin().get("/api/v1/members/{code}", "ZZ-NOSUCH")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no member library has the code 'ZZ-NOSUCH'"));
    }

    @Test
    void aMemberIsDeactivatedNeverDeletedSoWhatRefersToItStaysSound() {
        // ILL requests, rota lines, events and timers name their members without a foreign key (it locked the member's
        // row in every ILL transaction); the database refuses to lose a member or change its id instead.
        String code = createMember();
        PgException deleted = assertThrows(PgException.class,
                () -> pool.preparedQuery("delete from member_library where code = $1").execute(Tuple.of(code))
                        .await().indefinitely());
        assertEquals("23503", deleted.getSqlState());
        assertTrue(deleted.getErrorMessage().contains(code) && deleted.getErrorMessage().contains("deactivate"),
                deleted.getErrorMessage());
        PgException renumbered = assertThrows(PgException.class,
                () -> pool.preparedQuery("update member_library set id = id + 1000000 where code = $1").execute(Tuple.of(code))
                        .await().indefinitely());
        assertEquals("23503", renumbered.getSqlState());
        asAdmin().get("/api/v1/members/{code}", code).then().statusCode(200).body("active", equalTo(true));
        // Its other columns change as before, also by a statement that sets the id to what it is.
        assertEquals(1, pool.preparedQuery("update member_library set id = id, region = 'East' where code = $1")
                .execute(Tuple.of(code)).await().indefinitely().rowCount());
    }
}
