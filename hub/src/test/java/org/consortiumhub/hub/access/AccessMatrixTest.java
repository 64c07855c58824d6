package org.consortiumhub.hub.access;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.keyIdOf;
import static org.consortiumhub.hub.support.Hub.memberBody;
import static org.consortiumhub.hub.support.Hub.newCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.consortiumhub.hub.support.Hub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every kind of caller against every member-scoped operation, on its own member and on another: each call
 * either works or is refused with a problem that names who was refused, and a refused write changes nothing.
 */
@QuarkusTest
class AccessMatrixTest {

    enum Who { ADMIN, ALLIANCE_MANAGER, ILL_STAFF, ADAPTER, ANONYMOUS }

    enum Target { OWN, OTHER }

    enum Operation {
        READ_MEMBER, UPDATE_MEMBER, LIST_API_KEYS, ISSUE_API_KEY, REVOKE_API_KEY, LIST_USERS_OF_MEMBER,
        READ_USER_OF_MEMBER, UPDATE_USER_OF_MEMBER, LIST_MEMBERS, CREATE_MEMBER, CREATE_USER
    }

    /** Who may do what: the rules of {@link AccessPolicy}, written out as a table. */
    static boolean allowed(Who who, Operation op, Target target) {
        boolean own = target == Target.OWN;
        return switch (who) {
            case ADMIN -> true;
            case ALLIANCE_MANAGER -> EnumSet.of(Operation.READ_MEMBER, Operation.LIST_MEMBERS,
                    Operation.LIST_USERS_OF_MEMBER, Operation.READ_USER_OF_MEMBER).contains(op);
            case ILL_STAFF -> op == Operation.READ_MEMBER || op == Operation.LIST_MEMBERS
                    || own && EnumSet.of(Operation.UPDATE_MEMBER, Operation.LIST_API_KEYS, Operation.ISSUE_API_KEY,
                            Operation.REVOKE_API_KEY, Operation.LIST_USERS_OF_MEMBER, Operation.READ_USER_OF_MEMBER).contains(op);
            case ADAPTER -> op == Operation.READ_MEMBER && own;
            case ANONYMOUS -> false;
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Who who : Who.values()) {
            for (Operation op : Operation.values()) {
                for (Target target : Target.values()) {
                    cases.add(Arguments.of(who, op, target));
                }
            }
        }
        return cases.stream();
    }

    /** Two members; the callers belong to the first one ("own"). */
    static final class Consortium {
        final String own = createMember();
        final String other = createMember();
        final String ownStaff = createUser("ILL_STAFF", own);
        final String otherStaff = createUser("ILL_STAFF", other);
        final String manager = createUser("ALLIANCE_MANAGER", null);
        final String ownKey = createApiKey(own);
    }

    private static Consortium consortium;

    private static synchronized Consortium consortium() {
        if (consortium == null) {
            consortium = new Consortium();
        }
        return consortium;
    }

    @ParameterizedTest(name = "{0} {1} of {2} member")
    @MethodSource("matrix")
    void everyCallerGetsExactlyWhatTheRulesAllow(Who who, Operation op, Target target) {
        Consortium c = consortium();
        String member = target == Target.OWN ? c.own : c.other;
        String memberStaff = target == Target.OWN ? c.ownStaff : c.otherStaff;
        boolean allowed = allowed(who, op, target);

        Response response;
        Runnable provesNothingChanged = () -> { };
        switch (op) {
            case READ_MEMBER -> response = call(who, c).get("/api/v1/members/{m}", member);
            case UPDATE_MEMBER -> {
                String email = "desk-" + System.nanoTime() + "@example.org";
                Map<String, Object> body = new HashMap<>(memberBody(member, "Library " + member));
                body.remove("code");
                body.put("contactEmail", email);
                response = call(who, c).body(body).put("/api/v1/members/{m}", member);
                provesNothingChanged = () -> asAdmin().get("/api/v1/members/{m}", member)
                        .then().body("contactEmail", org.hamcrest.Matchers.not(equalTo(email)));
            }
            case LIST_API_KEYS -> response = call(who, c).get("/api/v1/members/{m}/api-keys", member);
            case ISSUE_API_KEY -> {
                int before = keyCount(member);
                response = call(who, c).body(Map.of("label", "matrix")).post("/api/v1/members/{m}/api-keys", member);
                provesNothingChanged = () -> assertTrue(keyCount(member) == before, "no key may be issued");
            }
            case REVOKE_API_KEY -> {
                String victim = createApiKey(member);
                response = call(who, c).delete("/api/v1/members/{m}/api-keys/{id}", member, keyIdOf(victim));
                provesNothingChanged = () -> Hub.withKey(victim).get("/api/v1/me").then().statusCode(200);
            }
            case LIST_USERS_OF_MEMBER -> response = call(who, c).queryParam("member", member).get("/api/v1/users");
            case READ_USER_OF_MEMBER -> response = call(who, c).get("/api/v1/users/{u}", memberStaff);
            case UPDATE_USER_OF_MEMBER -> {
                Map<String, Object> body = Map.of("displayName", "Renamed by " + who, "email", "x@example.org",
                        "role", "ILL_STAFF", "memberCode", member);
                response = call(who, c).body(body).put("/api/v1/users/{u}", memberStaff);
                provesNothingChanged = () -> asAdmin().get("/api/v1/users/{u}", memberStaff)
                        .then().body("displayName", org.hamcrest.Matchers.not(equalTo("Renamed by " + who)));
            }
            case LIST_MEMBERS -> response = call(who, c).get("/api/v1/members");
            case CREATE_MEMBER -> {
                String code = newCode();
                response = call(who, c).body(memberBody(code, "New")).post("/api/v1/members");
                provesNothingChanged = () -> asAdmin().get("/api/v1/members/{m}", code).then().statusCode(404);
            }
            case CREATE_USER -> {
                String username = "matrix" + System.nanoTime();
                response = call(who, c).body(Map.of("username", username, "displayName", "M", "email", "m@example.org",
                        "role", "ILL_STAFF", "memberCode", member, "password", "long-enough-password")).post("/api/v1/users");
                provesNothingChanged = () -> asAdmin().get("/api/v1/users/{u}", username).then().statusCode(404);
            }
            default -> throw new IllegalStateException(op.name());
        }

        if (allowed) {
            int status = response.statusCode();
            assertTrue(status >= 200 && status < 300, who + " " + op + " " + target + " should work, got " + status
                    + ": " + response.asString());
        } else if (who == Who.ANONYMOUS) {
            response.then().statusCode(401).contentType("application/problem+json");
            provesNothingChanged.run();
        } else {
            response.then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString(describe(who, c)));
            provesNothingChanged.run();
        }
    }

    private static RequestSpecification call(Who who, Consortium c) {
        return switch (who) {
            case ADMIN -> asAdmin();
            case ALLIANCE_MANAGER -> Hub.as(c.manager, STAFF_PASSWORD);
            case ILL_STAFF -> Hub.as(c.ownStaff, STAFF_PASSWORD);
            case ADAPTER -> Hub.withKey(c.ownKey);
            case ANONYMOUS -> Hub.anonymous();
        };
    }

    private static String describe(Who who, Consortium c) {
        return switch (who) {
            case ADMIN -> "an admin";
            case ALLIANCE_MANAGER -> "an alliance manager";
            case ILL_STAFF -> "ILL staff of " + c.own;
            case ADAPTER -> "the adapter of " + c.own;
            case ANONYMOUS -> "";
        };
    }

    private static int keyCount(String member) {
        return asAdmin().get("/api/v1/members/{m}/api-keys", member).then().statusCode(200).extract().jsonPath().getList("$").size();
    }

}
