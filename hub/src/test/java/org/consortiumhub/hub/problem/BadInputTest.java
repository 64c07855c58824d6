package org.consortiumhub.hub.problem;

import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.memberBody;
import static org.consortiumhub.hub.support.Hub.newCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.Map;

import org.consortiumhub.hub.support.Hub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every malformed request gets a 4xx problem document naming what is wrong, and changes nothing. */
@QuarkusTest
class BadInputTest {

    @ParameterizedTest
    @ValueSource(strings = { "", "US_RVC", "USRVC", "TOOLONG-X", "US-", "-RVC", "US-ABCDEFGHIJKL", "US-R V C", "US-RVÇ" })
    void invalidMemberCodesAreRefusedByName(String code) {
        asAdmin().body(memberBody(code, "Some Library")).post("/api/v1/members")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("code"));
        asAdmin().get("/api/v1/members").then().body("name", org.hamcrest.Matchers.not(hasItem("Some Library")));
    }

    @Test
    void malformedJsonIsRefused() {
        asAdmin().body("{\"code\": \"US-ABC\", \"name\": ").post("/api/v1/members")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void unknownFieldsAreNamedWithTheirPath() {
        Map<String, Object> body = new HashMap<>(memberBody(newCode(), "Library"));
        body.put("budgetCode", "X1");
        asAdmin().body(body).post("/api/v1/members")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("budgetCode"));

        Map<String, Object> nested = new HashMap<>(memberBody(newCode(), "Library"));
        nested.put("shippingAddress", Map.of("line1", "1 Road", "locality", "Town", "postalCode", "1", "country", "US",
                "floor", "3"));
        asAdmin().body(nested).post("/api/v1/members")
                .then().statusCode(400).body("errors[0].field", equalTo("shippingAddress.floor"));
    }

    @Test
    void wrongTypesAndMissingFieldsAreNamed() {
        Map<String, Object> wrongType = new HashMap<>(memberBody(newCode(), "Library"));
        wrongType.put("fte", "lots");
        asAdmin().body(wrongType).post("/api/v1/members")
                .then().statusCode(400).body("errors[0].field", equalTo("fte"))
                .body("errors[0].message", containsString("number"));

        Map<String, Object> missing = new HashMap<>(memberBody(newCode(), "Library"));
        missing.remove("name");
        asAdmin().body(missing).post("/api/v1/members")
                .then().statusCode(400).body("errors.field", hasItem("name"));

        Map<String, Object> badAddress = new HashMap<>(memberBody(newCode(), "Library"));
        badAddress.put("contactEmail", "not-an-address");
        badAddress.put("shippingAddress", Map.of("line1", "1 Road", "locality", "Town", "postalCode", "1", "country", "usa"));
        asAdmin().body(badAddress).post("/api/v1/members")
                .then().statusCode(400)
                .body("errors.field", hasItem("contactEmail"))
                .body("errors.field", hasItem("shippingAddress.country"));
    }

    @Test
    void anUnknownRoleIsNamed() {
        asAdmin().body(Map.of("username", "someone", "displayName", "Someone", "email", "s@example.org",
                "role", "SUPERUSER", "password", "long-enough-password")).post("/api/v1/users")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("role"));
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        String huge = "x".repeat(300 * 1024);
        Map<String, Object> body = new HashMap<>(memberBody(newCode(), huge));
        asAdmin().body(body).post("/api/v1/members")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most"));
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithTheMediaTypeProblem() {
        Hub.as(Hub.ADMIN, Hub.ADMIN_PASSWORD).contentType(ContentType.TEXT).body("code=US-ABC").post("/api/v1/members")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aJsonArrayWhereAnObjectBelongsIsRefused() {
        asAdmin().body("[1, 2, 3]").post("/api/v1/members")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anUnknownApiPathIsAProblemNotAPage() {
        asAdmin().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }
}
