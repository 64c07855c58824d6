package org.consortiumhub.hub.access;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
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
 * Every kind of caller against every procurement, shared print, preservation and report operation, on its own
 * member and on another: each call works or is refused with a problem naming who was refused.
 */
@QuarkusTest
class AllianceAccessMatrixTest {

    enum Who { ADMIN, ALLIANCE_MANAGER, ILL_STAFF, ADAPTER, ANONYMOUS }

    enum Target { OWN, OTHER }

    enum Operation {
        LIST_PROPOSALS, READ_PROPOSAL, CREATE_PROPOSAL, UPLOAD_TITLE_LIST, PREVIEW_SHARES, DECIDE, PLEDGE, WITHDRAW_PLEDGE,
        LIST_PURCHASES, READ_PURCHASE, UPLOAD_USAGE, UPLOAD_TABULAR_USAGE, LIST_PROGRAMS, CREATE_PROGRAM, IMPORT_583, SUGGEST_ALLOCATIONS,
        READ_ALERTS, LIST_UNITS, CREATE_UNIT, RECORD_COPY, REPORT_FIXITY, READ_REPORT
    }

    static final EnumSet<Operation> READS = EnumSet.of(Operation.LIST_PROPOSALS, Operation.READ_PROPOSAL,
            Operation.LIST_PURCHASES, Operation.LIST_PROGRAMS, Operation.READ_ALERTS, Operation.LIST_UNITS);
    static final EnumSet<Operation> MANAGERS = EnumSet.of(Operation.CREATE_PROPOSAL, Operation.UPLOAD_TITLE_LIST,
            Operation.PREVIEW_SHARES, Operation.DECIDE, Operation.CREATE_PROGRAM, Operation.SUGGEST_ALLOCATIONS,
            Operation.CREATE_UNIT);
    /** Recorded for a member by a manager, or by the member's own staff. */
    static final EnumSet<Operation> RECORDS = EnumSet.of(Operation.UPLOAD_USAGE, Operation.UPLOAD_TABULAR_USAGE,
            Operation.IMPORT_583, Operation.RECORD_COPY);
    /** Done for a member by its own staff alone. */
    static final EnumSet<Operation> MEMBERS_OWN = EnumSet.of(Operation.PLEDGE, Operation.WITHDRAW_PLEDGE, Operation.REPORT_FIXITY);

    /** The rules of {@link AccessPolicy} for the alliance's work, written out as a table. */
    static boolean allowed(Who who, Operation op, Target target) {
        boolean own = target == Target.OWN;
        return switch (who) {
            case ADMIN -> READS.contains(op) || op == Operation.READ_PURCHASE || op == Operation.READ_REPORT;
            case ALLIANCE_MANAGER -> READS.contains(op) || MANAGERS.contains(op) || RECORDS.contains(op)
                    || op == Operation.READ_PURCHASE || op == Operation.READ_REPORT;
            // The purchase is shared by the own member only, so the staff of another may not read it.
            case ILL_STAFF -> READS.contains(op) || own && (RECORDS.contains(op) || MEMBERS_OWN.contains(op)
                    || op == Operation.READ_PURCHASE);
            case ADAPTER, ANONYMOUS -> false;
        };
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Who.values()).flatMap(who -> Stream.of(Operation.values())
                .flatMap(op -> Stream.of(Target.values()).map(target -> Arguments.of(who, op, target))));
    }

    /** Two members with staff each; the callers belong to the first ("own"); a proposal, a purchase, a program, a unit. */
    static final class Alliance {
        final String own = createMember();
        final String other = createMember();
        final String ownStaff = createUser("ILL_STAFF", own);
        final String otherStaff = createUser("ILL_STAFF", other);
        final String manager = createUser("ALLIANCE_MANAGER", null);
        final String ownKey = createApiKey(own);
        final long proposal = proposal(this);
        final long purchase;
        final long program;
        final long unit;

        Alliance() {
            long bought = proposal(this);
            staff(ownStaff).body(Map.of("amountMinor", 10)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", bought, own)
                    .then().statusCode(200);
            purchase = ((Number) manager(this).body(Map.of("decision", "APPROVE"))
                    .post("/api/v1/procurement/proposals/{id}/decision", bought).then().statusCode(200).extract().path("purchaseId"))
                    .longValue();
            staff(ownStaff).body(Map.of("amountMinor", 10)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", proposal, own)
                    .then().statusCode(200);
            program = ((Number) manager(this).body(Map.of("name", "Matrix " + System.nanoTime(), "targetCopies", 1))
                    .post("/api/v1/retention/programs").then().statusCode(201).extract().path("id")).longValue();
            unit = ((Number) manager(this).body(Map.of("name", "Matrix unit", "identifier", "doi:10.5555/matrix",
                    "targetCopies", 1, "fixityIntervalDays", 30)).post("/api/v1/preservation/units").then().statusCode(201)
                    .extract().path("id")).longValue();
            for (String member : List.of(own, other)) {
                manager(this).body(copy()).put("/api/v1/preservation/units/{u}/copies/{m}", unit, member).then().statusCode(200);
            }
        }
    }

    private static Alliance alliance;

    private static synchronized Alliance alliance() {
        if (alliance == null) {
            alliance = new Alliance();
        }
        return alliance;
    }

    @ParameterizedTest(name = "{0} {1} of {2} member")
    @MethodSource("matrix")
    void everyCallerGetsExactlyWhatTheRulesAllow(Who who, Operation op, Target target) {
        Alliance a = alliance();
        String member = target == Target.OWN ? a.own : a.other;
        RequestSpecification call = call(who, a);
        Response response = switch (op) {
            case LIST_PROPOSALS -> call.get("/api/v1/procurement/proposals");
            case READ_PROPOSAL -> call.get("/api/v1/procurement/proposals/{id}", a.proposal);
            case CREATE_PROPOSAL -> call.body(proposalBody()).post("/api/v1/procurement/proposals");
            case UPLOAD_TITLE_LIST -> call.contentType("text/csv").body("publication_title,print_identifier\nA title,0140-525X\n")
                    .put("/api/v1/procurement/proposals/{id}/title-list", a.proposal);
            case PREVIEW_SHARES -> call.body(Map.of()).post("/api/v1/procurement/proposals/{id}/share-preview", a.proposal);
            case DECIDE -> {
                long fresh = proposal(a);
                staff(a.ownStaff).body(Map.of("amountMinor", 10)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", fresh, a.own)
                        .then().statusCode(200);
                yield call.body(Map.of("decision", "APPROVE")).post("/api/v1/procurement/proposals/{id}/decision", fresh);
            }
            case PLEDGE -> call.body(Map.of("amountMinor", 20)).put("/api/v1/procurement/proposals/{id}/pledges/{m}", a.proposal, member);
            case WITHDRAW_PLEDGE -> {
                long fresh = proposal(a);
                staff(target == Target.OWN ? a.ownStaff : a.otherStaff).body(Map.of("amountMinor", 10))
                        .put("/api/v1/procurement/proposals/{id}/pledges/{m}", fresh, member).then().statusCode(200);
                yield call.delete("/api/v1/procurement/proposals/{id}/pledges/{m}", fresh, member);
            }
            case LIST_PURCHASES -> call.get("/api/v1/procurement/purchases");
            case READ_PURCHASE -> (target == Target.OWN ? call : call(who, a, true))
                    .get("/api/v1/procurement/purchases/{id}", a.purchase);
            case UPLOAD_USAGE -> call.body(Map.of("Report_Header", Map.of("Report_ID", "TR_J1", "Release", "5"), "Report_Items", List.of()))
                    .post("/api/v1/usage/{m}", member);
            case UPLOAD_TABULAR_USAGE -> call.contentType("text/csv").body("Report_ID,TR_J1\nRelease,5\n,\nTitle,Metric_Type,Jan-2024\n")
                    .post("/api/v1/usage/{m}/tabular", member);
            case LIST_PROGRAMS -> call.get("/api/v1/retention/programs");
            case CREATE_PROGRAM -> call.body(Map.of("name", "Matrix " + System.nanoTime(), "targetCopies", 1))
                    .post("/api/v1/retention/programs");
            case IMPORT_583 -> call.queryParam("member", member).post("/api/v1/retention/programs/{p}/commitments/import-583", a.program);
            case SUGGEST_ALLOCATIONS -> call.queryParam("limit", 1).get("/api/v1/retention/programs/{p}/allocation-suggestions", a.program);
            case READ_ALERTS -> call.get("/api/v1/retention/alerts");
            case LIST_UNITS -> call.get("/api/v1/preservation/units");
            case CREATE_UNIT -> call.body(Map.of("name", "x", "identifier", "doi:10.5555/x", "targetCopies", 1, "fixityIntervalDays", 30))
                    .post("/api/v1/preservation/units");
            case RECORD_COPY -> call.body(copy()).put("/api/v1/preservation/units/{u}/copies/{m}", a.unit, member);
            case REPORT_FIXITY -> call.body(Map.of("outcome", "OK"))
                    .post("/api/v1/preservation/units/{u}/copies/{m}/fixity-checks", a.unit, member);
            case READ_REPORT -> call.get("/api/v1/reports/spend");
        };

        if (allowed(who, op, target)) {
            int status = response.statusCode();
            assertTrue(status >= 200 && status < 300, who + " " + op + " " + target + " should work, got " + status + ": "
                    + response.asString());
        } else if (who == Who.ANONYMOUS) {
            response.then().statusCode(401).contentType("application/problem+json");
        } else {
            response.then().statusCode(403).contentType("application/problem+json").body("detail", containsString(describe(who, a)));
        }
    }

    private static RequestSpecification call(Who who, Alliance a) {
        return call(who, a, false);
    }

    /** The caller; for {@code otherMember}, ILL staff of the other member (who has no share in the purchase). */
    private static RequestSpecification call(Who who, Alliance a, boolean otherMember) {
        return switch (who) {
            case ADMIN -> asAdmin();
            case ALLIANCE_MANAGER -> manager(a);
            case ILL_STAFF -> staff(otherMember ? a.otherStaff : a.ownStaff);
            case ADAPTER -> Hub.withKey(a.ownKey);
            case ANONYMOUS -> Hub.anonymous();
        };
    }

    private static String describe(Who who, Alliance a) {
        return switch (who) {
            case ADMIN -> "an admin";
            case ALLIANCE_MANAGER -> "an alliance manager";
            case ILL_STAFF -> "ILL staff of ";
            case ADAPTER -> "the adapter of " + a.own;
            case ANONYMOUS -> "";
        };
    }

    private static long proposal(Alliance a) {
        return ((Number) manager(a).body(proposalBody()).post("/api/v1/procurement/proposals").then().statusCode(201)
                .extract().path("id")).longValue();
    }

    private static Map<String, Object> proposalBody() {
        return Map.of("title", "Matrix package", "resourceKind", "TITLE_LIST", "vendor", "Vendor", "currency", "GBP",
                "consortiumPriceMinor", 1000, "termStart", "2027-01-01", "termEnd", "2027-12-31",
                "licence", Map.of("illPrint", false, "illElectronic", false),
                "formula", Map.of("components", List.of(Map.of("basis", "EQUAL", "weight", 1))));
    }

    private static Map<String, Object> copy() {
        return Map.of("digestAlgorithm", "MD5", "digestValue", "d41d8cd98f00b204e9800998ecf8427e");
    }

    private static RequestSpecification manager(Alliance a) {
        return Hub.as(a.manager, STAFF_PASSWORD);
    }

    private static RequestSpecification staff(String username) {
        return Hub.as(username, STAFF_PASSWORD);
    }
}
