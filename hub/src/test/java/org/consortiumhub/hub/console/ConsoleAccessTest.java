package org.consortiumhub.hub.console;

import static io.restassured.RestAssured.given;
import static org.consortiumhub.hub.support.Hub.ADMIN;
import static org.consortiumhub.hub.support.Hub.ADMIN_PASSWORD;
import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.consortiumhub.hub.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Logging in and out of the console, its sessions, its anti-forgery tokens, and who may open which page. */
@QuarkusTest
class ConsoleAccessTest {

    @Inject
    Pool pool;

    @Test
    void aPageWithoutLoginLeadsToTheLoginPageAndBackAfterwards() {
        given().redirects().follow(false).get("/console/catalog?q=whale").then()
                .statusCode(303)
                .header("Location", equalTo("/console/login?next=%2Fconsole%2Fcatalog%3Fq%3Dwhale"));
        given().get("/console/login?next=/console/catalog?q=whale").then().statusCode(200)
                .body(containsString("name=\"next\" value=\"/console/catalog?q=whale\""))
                .body(containsString("autocomplete=\"current-password\""));
        String user = createUser("ALLIANCE_MANAGER", null);
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", user).formParam("password", STAFF_PASSWORD).formParam("next", "/console/catalog?q=whale")
                .post("/console/login").then().statusCode(303)
                .header("Location", endsWith("/console/catalog?q=whale"))
                .cookie("hub_session", not(equalTo("")));
    }

    @Test
    void theLoginPageNeverSendsUsersToAnotherSite() {
        for (String next : new String[] { "https://evil.example/", "//evil.example/x", "/console/../api/v1/users", "/api/v1/me" }) {
            String user = createUser("ALLIANCE_MANAGER", null);
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("username", user).formParam("password", STAFF_PASSWORD).formParam("next", next)
                    .post("/console/login").then().statusCode(303).header("Location", endsWith(":" + RestAssured.port + "/console"));
        }
    }

    @Test
    void aFailedLoginSaysWhatToDoButNotWhetherTheAccountExists() {
        String user = createUser("ALLIANCE_MANAGER", null);
        String wrongPassword = ConsoleBrowser.postLogin(user, "not-the-password").then().statusCode(401)
                .body(containsString("The user name or password is not right")).extract().asString();
        String unknownUser = ConsoleBrowser.postLogin("nobody-" + user, "not-the-password").then().statusCode(401)
                .extract().asString();
        assertEquals(wrongPassword.replace(user, "X"), unknownUser.replace("nobody-" + user, "X"),
                "an unknown user and a wrong password get the same page");

        asAdmin().body(Map.of("displayName", "Gone", "email", "gone@example.org", "role", "ALLIANCE_MANAGER", "active", false))
                .put("/api/v1/users/{u}", user).then().statusCode(200);
        String deactivated = ConsoleBrowser.postLogin(user, STAFF_PASSWORD).then().statusCode(401).extract().asString();
        assertEquals(wrongPassword, deactivated, "a deactivated account fails like a wrong password");

        ConsoleBrowser.postLogin("", "").then().statusCode(401).body(containsString("Enter both your user name and your password"));
    }

    @Test
    void repeatedFailuresStopPasswordGuessingForThatName() {
        String user = createUser("ALLIANCE_MANAGER", null);
        for (int i = 0; i < LoginPage.MAX_FAILURES; i++) {
            ConsoleBrowser.postLogin(user, "guess-" + i).then().statusCode(401);
        }
        ConsoleBrowser.postLogin(user, STAFF_PASSWORD).then().statusCode(401)
                .body(containsString("Too many failed attempts for this user name"));
        // The same answer for a name that does not exist, so the lockout reveals nothing either.
        String ghost = "ghost-" + user;
        for (int i = 0; i <= LoginPage.MAX_FAILURES; i++) {
            ConsoleBrowser.postLogin(ghost, "guess-" + i);
        }
        ConsoleBrowser.postLogin(ghost, "guess").then().body(containsString("Too many failed attempts for this user name"));
    }

    @Test
    void loggingOutEndsTheSessionOnTheServer() {
        String user = createUser("ALLIANCE_MANAGER", null);
        ConsoleBrowser browser = ConsoleBrowser.login(user, STAFF_PASSWORD);
        browser.page().get("/console").then().statusCode(200).body(containsString(user));
        browser.form().post("/console/logout").then().statusCode(303)
                .header("Location", endsWith("/console/login?reason=loggedout"))
                .header("Set-Cookie", containsString("hub_session=;"));
        // The old cookie, replayed, no longer opens anything.
        browser.page().get("/console").then().statusCode(303).header("Location", startsWith("/console/login"))
                .header("Location", containsString("reason=ended"));
        given().get("/console/login?reason=ended").then().body(containsString("Your session has ended"));
    }

    @Test
    void anIdleSessionEnds() {
        String user = createUser("ALLIANCE_MANAGER", null);
        ConsoleBrowser browser = ConsoleBrowser.login(user, STAFF_PASSWORD);
        browser.page().get("/console").then().statusCode(200);
        pool.preparedQuery("update console_session set last_seen_at = now() - interval '31 minutes' where username = $1")
                .execute(Tuple.of(user)).await().atMost(Duration.ofSeconds(5));
        browser.page().get("/console").then().statusCode(303).header("Location", containsString("reason=ended"));
    }

    @Test
    void deactivatingAnAccountEndsItsSessionsAtOnce() {
        String user = createUser("ALLIANCE_MANAGER", null);
        ConsoleBrowser browser = ConsoleBrowser.login(user, STAFF_PASSWORD);
        ConsoleBrowser admin = ConsoleBrowser.login(ADMIN, ADMIN_PASSWORD);
        admin.form().formParam("active", "false").post("/console/admin/users/{u}/active", user).then().statusCode(303);
        browser.page().get("/console").then().statusCode(303).header("Location", startsWith("/console/login"));
    }

    @Test
    void aFormPostWithoutTheAntiForgeryTokenIsRefusedAndChangesNothing() {
        String member = createMember();
        ConsoleBrowser admin = ConsoleBrowser.login(ADMIN, ADMIN_PASSWORD);
        admin.page().contentType("application/x-www-form-urlencoded").formParam("label", "forged")
                .post("/console/admin/members/{code}/api-keys", member).then().statusCode(403)
                .contentType(startsWith("text/html"))
                .body(containsString("security token is missing or out of date"));
        admin.page().header("X-CSRF-Token", "x" + admin.csrfToken).contentType("application/x-www-form-urlencoded")
                .formParam("label", "forged").post("/console/admin/members/{code}/api-keys", member).then().statusCode(403);
        // Another session's token is no good either.
        ConsoleBrowser other = ConsoleBrowser.login(ADMIN, ADMIN_PASSWORD);
        admin.page().header("X-CSRF-Token", other.csrfToken).contentType("application/x-www-form-urlencoded")
                .formParam("label", "forged").post("/console/admin/members/{code}/api-keys", member).then().statusCode(403);
        asAdmin().get("/api/v1/members/{code}/api-keys", member).then().statusCode(200).body("size()", equalTo(0));

        admin.form().formParam("label", "sync server").post("/console/admin/members/{code}/api-keys", member).then()
                .statusCode(200).body(containsString("it will not be shown again"));
        asAdmin().get("/api/v1/members/{code}/api-keys", member).then().body("size()", equalTo(1));
    }

    @Test
    void theSessionCookieOpensOnlyTheConsoleNotTheApi() {
        String user = createUser("ALLIANCE_MANAGER", null);
        ConsoleBrowser browser = ConsoleBrowser.login(user, STAFF_PASSWORD);
        browser.page().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void consolePagesAreScopedToTheRole() {
        String member = createMember();
        ConsoleBrowser staff = ConsoleBrowser.login(createUser("ILL_STAFF", member), STAFF_PASSWORD);
        ConsoleBrowser manager = ConsoleBrowser.login(createUser("ALLIANCE_MANAGER", null), STAFF_PASSWORD);
        for (ConsoleBrowser notAdmin : new ConsoleBrowser[] { staff, manager }) {
            notAdmin.page().get("/console/admin/members").then().statusCode(403).contentType(startsWith("text/html"));
            notAdmin.page().get("/console/admin/users").then().statusCode(403);
            notAdmin.form().formParam("code", "ZT-FORGED").formParam("name", "Forged")
                    .post("/console/admin/members").then().statusCode(403);
            notAdmin.page().get("/console").then().statusCode(200).body(not(containsString("/console/admin/members")));
        }
        asAdmin().get("/api/v1/members/ZT-FORGED").then().statusCode(404);
    }

    @Test
    void consolePagesAreNotCachedNorFramedAndRunOnlyTheHubsScripts() {
        ConsoleBrowser admin = ConsoleBrowser.login(ADMIN, ADMIN_PASSWORD);
        admin.page().get("/console").then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
