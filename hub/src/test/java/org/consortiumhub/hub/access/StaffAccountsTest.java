package org.consortiumhub.hub.access;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.memberBody;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.consortiumhub.hub.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Staff accounts are remembered between logins for {@code hub.access.account-cache} (a minute in tests, so that the
 * test does not depend on how fast it runs): a change made through another replica, which this one is not told of,
 * is seen once that time has passed; a change made through this one is seen at the next call.
 */
@QuarkusTest
class StaffAccountsTest {

    @Inject
    Pool pool;

    @Inject
    MovableClock clock;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    @Test
    void anAccountDeactivatedThroughAnotherReplicaStopsOnceTheCacheTimeHasPassed() {
        String username = createUser("ALLIANCE_MANAGER", null);
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(200);
        // Another replica's change: straight to the database, which this replica is not told of.
        pool.preparedQuery("update staff_user set active = false where username = $1").execute(Tuple.of(username))
                .await().indefinitely();

        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(200);
        clock.advance(Duration.ofSeconds(61));
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aPasswordChangedThroughAnotherReplicaIsCheckedOnceTheCacheTimeHasPassed() {
        String username = createUser("ALLIANCE_MANAGER", null);
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(200);
        String otherHash = Passwords.hash("another-password-entirely");
        pool.preparedQuery("update staff_user set password_hash = $2 where username = $1")
                .execute(Tuple.of(username, otherHash)).await().indefinitely();

        clock.advance(Duration.ofSeconds(61));
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(401);
        as(username, "another-password-entirely").get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aMemberMadeInactiveHereStopsItsStaffAtTheNextCall() {
        String code = createMember();
        String staff = createUser("ILL_STAFF", code);
        as(staff, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(200);

        Map<String, Object> inactive = new HashMap<>(memberBody(code, "Closed Library"));
        inactive.remove("code");
        inactive.put("active", false);
        asAdmin().body(inactive).put("/api/v1/members/{code}", code).then().statusCode(200);
        as(staff, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aNewAccountWorksAtOnceAfterAFailedLoginWithItsName() {
        String username = "newcomer-" + System.nanoTime();
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(401);
        Map<String, Object> user = new HashMap<>();
        user.put("username", username);
        user.put("displayName", "New Colleague");
        user.put("email", username + "@example.org");
        user.put("role", "ALLIANCE_MANAGER");
        user.put("password", STAFF_PASSWORD);
        asAdmin().body(user).post("/api/v1/users").then().statusCode(201);
        as(username, STAFF_PASSWORD).get("/api/v1/me").then().statusCode(200);
    }
}
