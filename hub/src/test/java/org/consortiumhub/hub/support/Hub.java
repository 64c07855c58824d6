package org.consortiumhub.hub.support;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls the hub under test as its different callers, and sets up members, staff and keys through the API. */
public final class Hub {

    public static final String ADMIN = "admin";
    /** Set as %test.hub.bootstrap-admin-password in application.properties. */
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String STAFF_PASSWORD = "staff-password-for-tests";

    private Hub() {
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(ADMIN, ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String username, String password) {
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON);
    }

    public static RequestSpecification withKey(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }

    /** Matches a JSON number by value, whatever its scale or Java type (1200, 1200.00 and 1200.0 alike). */
    public static Matcher<Object> number(double expected) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number n && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(expected)) == 0;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the number " + expected);
            }
        };
    }

    /** A fresh, unique ISIL-style code such as {@code ZT-K3P9QX2A}. */
    public static String newCode() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder s = new StringBuilder("ZT-");
        for (int i = 0; i < 8; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }

    public static Map<String, Object> memberBody(String code, String name) {
        return Map.of(
                "code", code,
                "name", name,
                "region", "North",
                "fte", 1200,
                "materialsBudget", 250000.50,
                "contactEmail", "ill-office@library.example.org",
                "shippingAddress", Map.of("line1", "1 Library Lane", "locality", "Springfield", "region", "MN",
                        "postalCode", "55401", "country", "US"));
    }

    public static String createMember() {
        String code = newCode();
        asAdmin().body(memberBody(code, "Library " + code)).post("/api/v1/members").then().statusCode(201);
        return code;
    }

    /** Creates an account with {@link #STAFF_PASSWORD}; memberCode only for ILL_STAFF. */
    public static String createUser(String role, String memberCode) {
        String username = "u" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        var body = new java.util.HashMap<String, Object>(Map.of(
                "username", username, "displayName", "Test " + username, "email", username + "@example.org",
                "role", role, "password", STAFF_PASSWORD));
        if (memberCode != null) {
            body.put("memberCode", memberCode);
        }
        asAdmin().body(body).post("/api/v1/users").then().statusCode(201);
        return username;
    }

    /** Issues an API key for the member and returns the whole key (id and secret). */
    public static String createApiKey(String memberCode) {
        return asAdmin().body(Map.of("label", "test adapter"))
                .post("/api/v1/members/{code}/api-keys", memberCode)
                .then().statusCode(201).extract().path("secret");
    }

    public static String keyIdOf(String apiKey) {
        return apiKey.substring(4, apiKey.indexOf('.'));
    }
}
