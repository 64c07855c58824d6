package org.consortiumhub.hub.ill;

import static org.consortiumhub.hub.ill.IllFixtures.loanOf;
import static org.consortiumhub.hub.ill.IllFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.consortiumhub.hub.ill.IllFixtures.Setup;
import org.consortiumhub.hub.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Deadlines and due dates on a clock the tests move: a lender that does not answer within its business days (or
 * rush hours) is skipped, a loan past its due date becomes overdue.
 */
@QuarkusTest
class IllTimersTest {

    @Inject
    MovableClock clock;

    @Inject
    IllTimerJob timers;

    /** A Monday a few weeks ahead, 10:00 UTC. */
    static final LocalDate MONDAY = LocalDate.now(ZoneOffset.UTC).plusWeeks(3).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @AfterEach
    void realTime() {
        clock.reset();
    }

    void at(LocalDate day, int hourUtc) {
        clock.set(day.atTime(hourUtc, 0).toInstant(ZoneOffset.UTC));
    }

    void runTimers() {
        timers.runDue().await().atMost(Duration.ofSeconds(30));
    }

    static Response get(Library who, long id) {
        return who.staffCall().get("/api/v1/ill/requests/{id}", id);
    }

    long create(Library borrower, Map<String, Object> body) {
        Response r = request(borrower, body);
        assertEquals(201, r.statusCode(), r.asString());
        return r.jsonPath().getLong("id");
    }

    @Test
    void aLenderThatDoesNotAnswerWithinTwoBusinessDaysIsSkipped() {
        Setup s = IllFixtures.setup(Map.of());
        at(MONDAY, 10);
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-1"));

        at(MONDAY.plusDays(2), 9);
        runTimers();
        assertEquals(s.first().code(), get(s.borrower(), id).path("lenderCode"), "still within its two business days");

        at(MONDAY.plusDays(2), 11);
        runTimers();
        Response after = get(s.borrower(), id);
        assertEquals("SENT", after.path("state"));
        assertEquals(s.second().code(), after.path("lenderCode"));
        assertEquals("SKIPPED", after.path("rota[0].outcome"));
        List<Map<String, Object>> timeline = after.jsonPath().getList("timeline");
        Map<String, Object> skip = timeline.get(timeline.size() - 2);
        assertEquals("skipLender", skip.get("action"));
        assertEquals("hub", skip.get("actor"));
        assertTrue(((String) skip.get("note")).contains("did not answer in time"), skip.toString());

        // the skipped lender can no longer answer
        s.first().act(id, "willSupply").then().statusCode(403);
    }

    @Test
    void closuresAndWeekendsDoNotCountAndAnAnswerStopsTheClock() {
        // the first lender is closed on Tuesday: its two business days run to Thursday
        Setup s = IllFixtures.setup(Map.of("closures", List.of(Map.of("firstDay", MONDAY.plusDays(1).toString(),
                "lastDay", MONDAY.plusDays(1).toString(), "reason", "staff day"))));
        at(MONDAY, 10);
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-2"));
        long answered = create(s.borrower(), loanOf(s.clusterId(), "P-3"));
        s.first().act(answered, "willSupply").then().statusCode(200);

        at(MONDAY.plusDays(2), 11);
        runTimers();
        assertEquals(s.first().code(), get(s.borrower(), id).path("lenderCode"));

        at(MONDAY.plusDays(3), 11);
        runTimers();
        assertEquals(s.second().code(), get(s.borrower(), id).path("lenderCode"));
        Response kept = get(s.borrower(), answered);
        assertEquals("WILL_SUPPLY", kept.path("state"), "a lender that answered is not skipped");
        assertEquals(s.first().code(), kept.path("lenderCode"));
    }

    @Test
    void aRushRequestCountsHoursOfBusinessDays() {
        Setup s = IllFixtures.setup(Map.of("rushAnswerHours", 4));
        // Friday 22:00: two hours left on Friday, the weekend does not count, due Monday 02:00
        at(MONDAY.minusDays(3), 22);
        java.util.Map<String, Object> rush = loanOf(s.clusterId(), "P-4");
        rush.put("serviceLevel", "RUSH");
        long id = create(s.borrower(), rush);

        at(MONDAY.minusDays(1), 12);
        runTimers();
        assertEquals(s.first().code(), get(s.borrower(), id).path("lenderCode"));
        at(MONDAY, 3);
        runTimers();
        assertEquals(s.second().code(), get(s.borrower(), id).path("lenderCode"));
    }

    @Test
    void aLoanPastItsDueDateIsMarkedOverdueAndCanStillBeRenewed() {
        Setup s = IllFixtures.setup(Map.of("loanPeriodDays", 14));
        at(MONDAY, 10);
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-5"));
        s.first().act(id, "ship").then().statusCode(200);
        Response received = s.borrower().act(id, "received");
        assertEquals(MONDAY.plusDays(14).toString(), received.path("dueDate"));

        at(MONDAY.plusDays(14), 23);
        runTimers();
        assertEquals("RECEIVED", get(s.borrower(), id).path("state"), "due today is not overdue yet");

        at(MONDAY.plusDays(15), 1);
        runTimers();
        Response overdue = get(s.borrower(), id);
        assertEquals("OVERDUE", overdue.path("state"));
        assertEquals("Overdue", overdue.path("isoStatus"));

        s.borrower().act(id, "requestRenewal").then().statusCode(200);
        Response renewed = s.first().act(id, "grantRenewal");
        assertEquals("RECEIVED", renewed.path("state"));
        assertEquals(MONDAY.plusDays(15 + 14).toString(), renewed.path("dueDate"), "renewed from today, as it was overdue");
    }

    @Test
    void timersRunOnceEvenWhenSeveralReplicasRunThemAtOnce() throws Exception {
        Setup s = IllFixtures.setup(Map.of());
        at(MONDAY, 10);
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(create(s.borrower(), loanOf(s.clusterId(), "P-6" + i)));
        }
        at(MONDAY.plusDays(4), 10);
        // four "replicas" claim timers at the same moment
        var runs = java.util.stream.IntStream.range(0, 4).mapToObj(i -> timers.runDue()).toList();
        io.smallrye.mutiny.Uni.join().all(runs).andFailFast().await().atMost(Duration.ofSeconds(60));
        for (long id : ids) {
            Response r = get(s.borrower(), id);
            List<String> actions = r.jsonPath().getList("timeline.action");
            assertEquals(1, actions.stream().filter("skipLender"::equals).count(), "skipped once: " + actions);
            assertEquals(s.second().code(), r.path("lenderCode"));
        }
        assertTrue(Instant.now().isBefore(clock.instant()));
    }
}
