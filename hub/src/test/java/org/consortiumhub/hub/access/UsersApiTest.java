package org.consortiumhub.hub.access;

import static org.consortiumhub.hub.support.Hub.ADMIN;
import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.anonymous;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class UsersApiTest {

    @Inject
    Pool pool;

    @Test
    void adminCreatesIllStaffWhoThenActForTheirMember() {
        String code = createMember();
        String username = createUser("ILL_STAFF", code);
        as(username, STAFF_PASSWORD).get("/api/v1/me")
                .then().statusCode(200)
                .body("kind", equalTo("USER"))
                .body("username", equalTo(username))
                .body("role", equalTo("ILL_STAFF"))
                .body("memberCode", equalTo(code));
        asAdmin().get("/api/v1/users/{u}", username)
                .then().statusCode(200)
                .body("memberCode", equalTo(code))
                .body("lastLoginAt", notNullValue())
                .body("password", nullValue());
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnly() {
        String username = createUser("ALLIANCE_MANAGER", null);
        String hash = pool.preparedQuery("select password_hash from staff_user where username = $1")
                .execute(Tuple.of(username)).await().indefinitely().iterator().next().getString(0);
        assertTrue(hash.startsWith("$2a$10$"), "bcrypt hash expected, got " + hash);
        assertFalse(hash.contains(STAFF_PASSWORD));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserFailAlike() {
        String username = createUser("ALLIANCE_MANAGER", null);
        String wrongPassword = as(username, "not-the-password").get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json").extract().asString();
        String unknownUser = as("nobody-" + username, "not-the-password").get("/api/v1/me")
                .then().statusCode(401).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(wrongPassword, unknownUser);
        anonymous().get("/api/v1/me").then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.containsString("Basic"));
    }

    @Test
    void roleAndMemberMustFitTogether() {
        String code = createMember();
        asAdmin().body(user("ILL_STAFF", null)).post("/api/v1/users")
                .then().statusCode(400).body("errors.field", hasItem("memberCode"));
        asAdmin().body(user("ADMIN", code)).post("/api/v1/users")
                .then().statusCode(400).body("errors.field", hasItem("memberCode"));
        asAdmin().body(user("ILL_STAFF", "ZZ-NOSUCH")).post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("memberCode"));
    }

    @Test
    void weakPasswordsAndBadUsernamesAreRefused() {
        Map<String, Object> shortPassword = user("ALLIANCE_MANAGER", null);
        shortPassword.put("password", "short");
        asAdmin().body(shortPassword).post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("password"));

        Map<String, Object> badName = user("ALLIANCE_MANAGER", null);
        badName.put("username", "Has Spaces");
        asAdmin().body(badName).post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("username"));
    }

    @Test
    void aDuplicateUsernameIsAConflict() {
        String username = createUser("ALLIANCE_MANAGER", null);
        Map<String, Object> again = user("ALLIANCE_MANAGER", null);
        again.put("username", username);
        asAdmin().body(again).post("/api/v1/users")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("username"));
    }

    @Test
    void aDeactivatedAccountCanNoLongerLogIn() {
        String username = createUser("ALLIANCE_MANAGER", null);
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(200);
        Map<String, Object> update = details("ALLIANCE_MANAGER", null);
        update.put("active", false);
        asAdmin().body(update).put("/api/v1/users/{u}", username).then().statusCode(200).body("active", equalTo(false));
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aPasswordResetReplacesTheOldPassword() {
        String username = createUser("ALLIANCE_MANAGER", null);
        Map<String, Object> update = details("ALLIANCE_MANAGER", null);
        update.put("password", "a-brand-new-password");
        asAdmin().body(update).put("/api/v1/users/{u}", username).then().statusCode(200);
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(401);
        as(username, "a-brand-new-password").get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void theLastActiveAdminCannotBeRemoved() {
        String second = createUser("ADMIN", null);
        Map<String, Object> off = details("ADMIN", null);
        off.put("active", false);
        // With a second admin the first may be deactivated; the second may then not deactivate itself.
        as(second, STAFF_PASSWORD).body(off).put("/api/v1/users/{u}", ADMIN).then().statusCode(200);
        try {
            as(second, STAFF_PASSWORD).body(off).put("/api/v1/users/{u}", second)
                    .then().statusCode(409).contentType("application/problem+json");
            as(second, STAFF_PASSWORD).body(details("ILL_STAFF", createMemberAs(second))).put("/api/v1/users/{u}", second)
                    .then().statusCode(409);
        } finally {
            as(second, STAFF_PASSWORD).body(details("ADMIN", null)).put("/api/v1/users/{u}", ADMIN).then().statusCode(200);
        }
        as(second, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(200).body("role", equalTo("ADMIN"));
    }

    @Test
    void illStaffSeeOnlyTheirOwnLibrarysAccounts() {
        String mine = createMember();
        String theirs = createMember();
        String me = createUser("ILL_STAFF", mine);
        String colleague = createUser("ILL_STAFF", mine);
        String other = createUser("ILL_STAFF", theirs);
        as(me, STAFF_PASSWORD).get("/api/v1/users")
                .then().statusCode(200)
                .body("memberCode", everyItem(equalTo(mine)))
                .body("username", hasItem(colleague));
        as(me, STAFF_PASSWORD).get("/api/v1/users/{u}", other).then().statusCode(403);
    }

    private static String createMemberAs(String admin) {
        String code = org.consortiumhub.hub.support.Hub.newCode();
        as(admin, STAFF_PASSWORD).body(org.consortiumhub.hub.support.Hub.memberBody(code, "Lib")).post("/api/v1/members")
                .then().statusCode(201);
        return code;
    }

    private static Map<String, Object> user(String role, String member) {
        Map<String, Object> body = details(role, member);
        body.put("username", "new" + System.nanoTime());
        body.put("password", "long-enough-password");
        return body;
    }

    private static Map<String, Object> details(String role, String member) {
        Map<String, Object> body = new HashMap<>(Map.of("displayName", "Pat Doe", "email", "pat@example.org", "role", role));
        if (member != null) {
            body.put("memberCode", member);
        }
        return body;
    }
}
