package org.consortiumhub.hub.ill;

import static org.consortiumhub.hub.ill.IllFixtures.library;
import static org.consortiumhub.hub.ill.IllFixtures.loanOf;
import static org.consortiumhub.hub.ill.IllFixtures.request;
import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.consortiumhub.hub.ill.IllFixtures.Setup;
import org.consortiumhub.hub.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** ILL figures over the API: fill rate, turnaround, balance and unfilled reasons, per member and for everyone. */
@QuarkusTest
class IllStatisticsTest {

    /** A Wednesday well ahead, so no other test's requests fall on it. */
    static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusYears(2).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));

    @Inject
    MovableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void figuresForABorrowerALenderAndTheConsortium() {
        Setup s = IllFixtures.setup(Map.of());
        clock.set(DAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
        long filled = request(s.borrower(), loanOf(s.clusterId(), "P-1")).jsonPath().getLong("id");
        long unfilled = request(s.borrower(), loanOf(s.clusterId(), "P-2")).jsonPath().getLong("id");
        request(s.borrower(), loanOf(s.clusterId(), "P-3")).then().statusCode(201);

        clock.advance(Duration.ofHours(2));
        s.first().act(filled, "ship").then().statusCode(200);
        s.first().act(unfilled, Map.of("action", "unfilled", "reason", "NotHeld")).then().statusCode(200);
        s.second().act(unfilled, Map.of("action", "unfilled", "reason", "NotOnShelf")).then().statusCode(200);
        clock.advance(Duration.ofHours(24));
        s.borrower().act(filled, "received").then().statusCode(200);

        String period = "?from=" + DAY + "&to=" + DAY.plusDays(1);
        Response b = s.borrower().staffCall().get("/api/v1/ill/statistics" + period);
        assertEquals(200, b.statusCode(), b.asString());
        assertEquals(s.borrower().code(), b.path("memberCode"));
        assertEquals(3, (int) b.path("requests"));
        assertEquals(1, (int) b.path("filled"));
        assertEquals(0.3333, b.jsonPath().getDouble("fillRate"), 0.001);
        assertEquals(1, (int) b.path("borrowed"));
        assertEquals(-1, (int) b.path("balance"));
        assertEquals(1, (int) b.path("requestToShipped.count"));
        assertEquals(2.0, b.jsonPath().getDouble("requestToShipped.averageHours"), 0.05);
        assertEquals(24.0, b.jsonPath().getDouble("shippedToReceived.medianHours"), 0.05);
        assertEquals(26.0, b.jsonPath().getDouble("requestToFilled.averageHours"), 0.05);
        List<Map<String, Object>> reasons = b.jsonPath().getList("unfilledReasons");
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.get("reason").equals("NotOnShelf")), reasons.toString());

        Response lender = s.first().staffCall().get("/api/v1/ill/statistics" + period);
        assertEquals(3, (int) lender.path("lendingRequests"));
        assertEquals(1, (int) lender.path("lent"));
        assertEquals(1, (int) lender.path("balance"));
        assertEquals(0, (int) lender.path("requests"));

        // ILL staff read only their own member's figures; consortium-wide roles read any, or all
        s.first().staffCall().get("/api/v1/ill/statistics" + period + "&member=" + s.borrower().code()).then().statusCode(403);
        String manager = createUser("ALLIANCE_MANAGER", null);
        Response all = as(manager, STAFF_PASSWORD).get("/api/v1/ill/statistics" + period);
        assertEquals(200, all.statusCode(), all.asString());
        assertTrue((int) all.path("requests") >= 3);
        assertEquals((int) all.path("lent"), (int) all.path("borrowed"), "across the consortium every loan is lent and borrowed");
        as(manager, STAFF_PASSWORD).get("/api/v1/ill/statistics" + period + "&member=" + s.borrower().code()).then()
                .statusCode(200);
        s.borrower().staffCall().get("/api/v1/ill/statistics?from=" + DAY).then().statusCode(400);
        s.borrower().staffCall().get("/api/v1/ill/statistics?from=" + DAY + "&to=" + DAY.minusDays(1)).then().statusCode(400);
        library().staffCall().get("/api/v1/ill/statistics" + period).then().statusCode(200);
    }
}
