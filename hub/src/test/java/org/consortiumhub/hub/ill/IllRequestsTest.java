package org.consortiumhub.hub.ill;

import static org.consortiumhub.hub.ill.IllFixtures.library;
import static org.consortiumhub.hub.ill.IllFixtures.loanOf;
import static org.consortiumhub.hub.ill.IllFixtures.request;
import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.consortiumhub.hub.ill.IllFixtures.Setup;
import org.consortiumhub.ill.request.IllRequests;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** ILL requests over the API on the real database: whole lives, refusals, concurrency, queues and access. */
@QuarkusTest
class IllRequestsTest {

    @Inject
    Pool db;

    @Inject
    IllRequests requests;

    static Setup setup() {
        return IllFixtures.setup(Map.of());
    }

    static long create(Library borrower, Map<String, Object> body) {
        Response r = request(borrower, body);
        assertEquals(201, r.statusCode(), r.asString());
        return r.jsonPath().getLong("id");
    }

    static Response ok(Response r) {
        assertEquals(200, r.statusCode(), r.asString());
        return r;
    }

    static Response get(Library who, long id) {
        return who.staffCall().get("/api/v1/ill/requests/{id}", id);
    }

    @Test
    void aLoanGoesThroughItsWholeLifeAndEveryStepIsAudited() {
        Setup s = setup();
        Response created = request(s.borrower(), loanOf(s.clusterId(), "P-100"));
        assertEquals(201, created.statusCode(), created.asString());
        long id = created.jsonPath().getLong("id");
        assertEquals("SENT", created.path("state"));
        assertEquals(s.first().code(), created.path("lenderCode"));
        assertEquals("RequestReceived", created.path("isoStatus"));
        assertEquals(List.of("cancel"), created.path("requesterActions"));
        assertEquals(List.of("SOURCING", "SENT"), IllFixtures.states(created));
        // the rota: both lenders in order, the borrower left out with the reason
        assertEquals(s.first().code(), created.path("rota[0].memberCode"));
        assertEquals(1, (int) created.path("rota[0].position"));
        assertEquals(s.second().code(), created.path("rota[1].memberCode"));
        assertTrue(created.jsonPath().getString("rota[1].explanation").contains("after " + s.first().code()),
                created.jsonPath().getString("rota[1].explanation"));
        assertEquals("left out: it is the requesting member", created.path("rota[2].explanation"));

        Library lender = s.first();
        ok(lender.act(id, "expectToSupply"));
        ok(lender.act(id, Map.of("action", "willSupply", "note", "on the shelf")));
        Response shipped = ok(lender.act(id, "ship"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(today.plusDays(28).toString(), shipped.path("dueDate"));
        assertEquals("Loaned", shipped.path("isoStatus"));
        ok(s.borrower().act(id, "received"));
        ok(s.borrower().act(id, "requestRenewal"));
        Response renewed = ok(lender.act(id, "grantRenewal"));
        assertEquals(today.plusDays(56).toString(), renewed.path("dueDate"));
        assertEquals("RECEIVED", renewed.path("state"));
        ok(s.borrower().act(id, Map.of("action", "shipReturn", "note", "sent back by courier")));
        Response done = ok(lender.act(id, "checkIn"));
        assertEquals("COMPLETED", done.path("state"));
        assertEquals("LoanCompleted", done.path("isoStatus"));
        assertEquals(List.of(), done.path("requesterActions"));

        List<Map<String, Object>> timeline = done.jsonPath().getList("timeline");
        List<String> actions = timeline.stream().map(e -> (String) e.get("action")).toList();
        assertEquals(List.of("create", "send", "expectToSupply", "willSupply", "ship", "received", "requestRenewal",
                "grantRenewal", "shipReturn", "checkIn"), actions);
        Map<String, Object> willSupply = timeline.get(3);
        assertEquals(lender.staff(), willSupply.get("actor"));
        assertEquals("SUPPLIER", willSupply.get("side"));
        assertEquals("EXPECT_TO_SUPPLY", willSupply.get("from"));
        assertEquals("WILL_SUPPLY", willSupply.get("to"));
        assertEquals("on the shelf", willSupply.get("note"));
        assertNotNull(willSupply.get("at"));
        assertEquals(s.borrower().staff(), timeline.get(0).get("actor"));
        assertEquals("hub", timeline.get(1).get("actor"));
        assertEquals("SUPPLIED", done.path("rota[0].outcome"));

        // the action's answer is the request as reading it afterwards gives it, times in UTC to the microsecond
        Response read = s.borrower().staffCall().get("/api/v1/ill/requests/{id}", id);
        assertEquals(200, read.statusCode(), read.asString());
        assertEquals(read.jsonPath().getMap(""), done.jsonPath().getMap(""));
        for (Map<String, Object> e : timeline) {
            assertTrue(((String) e.get("at")).endsWith("Z"), e.toString());
        }
        assertTrue(done.jsonPath().getString("rota[0].sentAt").endsWith("Z"), done.asString());
        assertTrue(java.time.OffsetDateTime.parse((String) timeline.get(4).get("at")).isBefore(
                java.time.OffsetDateTime.parse((String) timeline.get(5).get("at"))), timeline.toString());
    }

    /** The action's answer, and the request as read right after it: the same, field for field. */
    private static Response sameAsRead(Library reader, long id, Response answer) {
        ok(answer);
        assertEquals(ok(get(reader, id)).jsonPath().getMap(""), answer.jsonPath().getMap(""), answer.asString());
        return answer;
    }

    @Test
    void anActionOnARequestJustShownIsAnsweredWithoutReadingItBackAndTheAnswerIsWhatAReadGives() {
        Setup s = setup();
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-SHOWN"));
        long workedOut = requests.answersWorkedOut();

        // the request as created was answered; each action on it is answered in turn: passed on to the next lender
        // (two steps, two rota lines changed), will supply, ship (the rota's outcome, a due date)
        Response passed = sameAsRead(s.borrower(), id, s.first().act(id, Map.of("action", "unfilled", "reason", "NotOnShelf",
                "note", "missing")));
        assertEquals(s.second().code(), passed.path("lenderCode"));
        assertEquals(List.of("create", "send", "unfilled", "send"), passed.jsonPath().getList("timeline.action"));
        assertEquals(workedOut + 1, requests.answersWorkedOut(), "the answer was worked out, not read");
        sameAsRead(s.borrower(), id, s.second().act(id, Map.of("action", "willSupply", "note", "on its way")));
        Response shipped = sameAsRead(s.borrower(), id, s.second().act(id, "ship"));
        assertEquals("SUPPLIED", shipped.jsonPath().getString("rota.find { it.memberCode == '" + s.second().code()
                + "' }.outcome"));
        assertEquals(workedOut + 3, requests.answersWorkedOut());

        // another replica changes the request meanwhile (a renewal it granted): the version moved on, so this
        // replica's remembered request is not used, and the answer shows the other replica's change
        LocalDate elsewhere = LocalDate.parse(shipped.path("dueDate")).plusDays(9);
        db.preparedQuery("with u as (update ill_request set due_date = $2, version = version + 1, updated_at = now()"
                + " where id = $1 returning id) insert into ill_request_event (request_id, at, actor, side, action,"
                + " from_state, to_state, note) select id, now(), 'replica-b', 'SUPPLIER', 'grantRenewal', 'SHIPPED',"
                + " 'SHIPPED', 'granted elsewhere' from u").execute(Tuple.of(id, elsewhere)).await().indefinitely();
        Response received = sameAsRead(s.second(), id, s.borrower().act(id, "received"));
        assertEquals(elsewhere.toString(), received.path("dueDate"));
        assertEquals("granted elsewhere", received.jsonPath().getString("timeline.find { it.actor == 'replica-b' }.note"));
        assertEquals(workedOut + 3, requests.answersWorkedOut(), "read, not worked out from the outdated request");

        // and the request read then is worked from again
        Response returned = sameAsRead(s.second(), id, s.borrower().act(id, "shipReturn"));
        assertEquals("SHIPPED_RETURN", returned.path("state"));
        assertEquals(workedOut + 4, requests.answersWorkedOut());
    }

    @Test
    void aCopyRequestCarriesItsCitationAndCopyrightAndCompletesOnReceipt() {
        Setup s = setup();
        Map<String, Object> body = new HashMap<>(Map.of("serviceType", "COPY", "clusterId", s.clusterId(), "patronId", "P-7",
                "articleTitle", "Chapter 3: On testing", "pages", "45-67", "copyright", "CCG", "serviceLevel", "RUSH"));
        long id = create(s.borrower(), body);
        Response sent = get(s.borrower(), id);
        assertEquals("CCG", sent.path("copyright"));
        assertEquals("RUSH", sent.path("serviceLevel"));
        assertEquals("Chapter 3: On testing", sent.path("articleTitle"));
        assertTrue(sent.jsonPath().getString("title").startsWith("Lending test"), "the title comes from the catalog");
        ok(s.first().act(id, "willSupply"));
        Response shipped = ok(s.first().act(id, "ship"));
        assertEquals("CopyCompleted", shipped.path("isoStatus"));
        assertNull(shipped.path("dueDate"), "a copy has no due date");
        Response done = ok(s.borrower().act(id, "received"));
        assertEquals("COMPLETED", done.path("state"));
    }

    @Test
    void anUnfilledLenderPassesTheRequestOnAndTheEndOfTheRotaGoesToReview() {
        Setup s = setup();
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-200"));
        Response next = ok(s.first().act(id, Map.of("action", "unfilled", "reason", "NotOnShelf", "note", "missing from shelf")));
        assertEquals("SENT", next.path("state"));
        assertEquals(s.second().code(), next.path("lenderCode"));
        assertEquals("UNFILLED:NotOnShelf", next.path("rota[0].outcome"));
        // the first lender no longer acts on it, but still sees it
        assertEquals(403, s.first().act(id, "ship").statusCode());
        assertEquals(200, get(s.first(), id).statusCode());

        ok(s.second().act(id, Map.of("action", "addConditions", "note", "library use only")));
        Response rejected = ok(s.borrower().act(id, "rejectConditions"));
        assertEquals("END_OF_ROTA", rejected.path("state"));
        assertNull(rejected.path("lenderCode"));
        assertEquals("Unfilled", rejected.path("isoStatus"));
        assertEquals(List.of("reRequest", "cancel"), rejected.path("requesterActions"));

        // a new rota round is read back, not worked out
        Response again = sameAsRead(s.first(), id, s.borrower().act(id, "reRequest"));
        assertEquals("SENT", again.path("state"));
        assertEquals(s.first().code(), again.path("lenderCode"));
        List<Integer> rounds = again.jsonPath().getList("rota.round");
        assertTrue(rounds.contains(2), "a second rota round: " + rounds);
        Response cancelAsked = ok(s.borrower().act(id, "cancel"));
        assertEquals("CANCEL_REQUESTED", cancelAsked.path("state"));
        Response cancelled = ok(s.first().act(id, "confirmCancel"));
        assertEquals("CANCELLED", cancelled.path("state"));
    }

    @Test
    void anActionTheStateDoesNotAllowIsRefusedWithTheAllowedActions() {
        Setup s = setup();
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-300"));

        s.borrower().act(id, "ship").then().statusCode(409)
                .contentType("application/problem+json")
                .body("allowedActions", equalTo(List.of("cancel")))
                .body("detail", containsString("'ship' is not allowed for the requester of request " + id + " in state SENT"));
        s.first().act(id, "received").then().statusCode(409)
                .body("allowedActions", equalTo(List.of("expectToSupply", "willSupply", "addConditions", "unfilled", "ship")));
        s.first().act(id, "checkIn").then().statusCode(409);
        s.first().act(id, "grantRenewal").then().statusCode(409);

        s.first().act(id, "fly").then().statusCode(400).body("errors[0].field", equalTo("action"))
                .body("detail", containsString("'fly' is not an ILL action"));
        s.first().act(id, "skipLender").then().statusCode(400).body("detail", containsString("a step the hub takes itself"));
        s.first().act(id, "unfilled").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        s.first().act(id, Map.of("action", "unfilled", "reason", "Bored")).then().statusCode(400);
        s.first().act(id, "addConditions").then().statusCode(400).body("errors[0].field", equalTo("note"));
        s.first().act(999_999_999L, "ship").then().statusCode(404);

        // a refused action changes nothing
        Response after = get(s.borrower(), id);
        assertEquals("SENT", after.path("state"));
        assertEquals(2, after.jsonPath().getList("timeline").size());

        // a stale version is refused
        int version = after.path("version");
        ok(s.first().act(id, Map.of("action", "willSupply", "version", version)));
        s.first().act(id, Map.of("action", "ship", "version", version)).then().statusCode(409)
                .body("detail", containsString("has changed since version " + version));

        // completed: nobody has an action left
        ok(s.first().act(id, "ship"));
        ok(s.borrower().act(id, "received"));
        ok(s.borrower().act(id, "shipReturn"));
        ok(s.first().act(id, "checkIn"));
        s.borrower().act(id, "cancel").then().statusCode(409).body("detail", containsString("has no action now"));
    }

    /** Runs the calls at the same moment and returns their HTTP statuses. */
    static List<Integer> atOnce(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (Callable<Integer> call : calls) {
            results.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        return statuses;
    }

    static List<String> staffActions(Response r) {
        return r.jsonPath().<Map<String, Object>>getList("timeline").stream()
                .filter(e -> !"SYSTEM".equals(e.get("side")) && !"create".equals(e.get("action")))
                .map(e -> (String) e.get("action")).toList();
    }

    @Test
    void anActionTheDatabaseRefusesPartWayLeavesNothingBehind() {
        Setup s = setup();
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-REFUSED"));
        Response before = get(s.borrower(), id);
        // the audit line is the last of the shipment's writes in its statement; the database refuses it
        db.query("create or replace function ill_test_refuse() returns trigger language plpgsql as $$ begin"
                + " if new.note = 'refused by the database' then raise exception 'refused for the test'; end if;"
                + " return new; end $$").execute().await().indefinitely();
        db.query("create trigger ill_test_refuse before insert on ill_request_event for each row"
                + " execute function ill_test_refuse()").execute().await().indefinitely();
        try {
            Response refused = s.first().act(id, Map.of("action", "ship", "note", "refused by the database"));
            assertEquals(500, refused.statusCode(), refused.asString());
        } finally {
            db.query("drop trigger ill_test_refuse on ill_request_event").execute().await().indefinitely();
            db.query("drop function ill_test_refuse()").execute().await().indefinitely();
        }
        Response after = get(s.borrower(), id);
        assertEquals("SENT", after.path("state"));
        assertEquals(before.jsonPath().getInt("version"), after.jsonPath().getInt("version"));
        assertEquals(IllFixtures.states(before), IllFixtures.states(after));
        assertEquals(0L, count("select count(*) from ill_lending_day where member_id = (select lender_id from ill_request where id = $1)", id));
        assertEquals(0L, count("select count(*) from ill_loan_out where request_id = $1", id));
        assertEquals(1L, count("select count(*) from ill_timer where request_id = $1 and kind = 'LENDER_ANSWER'", id));

        // the same action goes through once the database takes it
        assertEquals("SHIPPED", ok(s.first().act(id, "ship")).path("state"));
        assertEquals(2L, count("select count(*) from ill_lending_day where member_id = (select lender_id from ill_request where id = $1)"
                + " or member_id = (select borrower_id from ill_request where id = $1)", id));
    }

    private long count(String sql, long id) {
        return db.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void manyParallelActionsOnOneRequestHaveExactlyOneWinner() throws Exception {
        Setup s = setup();
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-400"));

        // the same action from twelve of the lender's staff at once: the row lock lets one through, the others
        // then find the request already in WILL_SUPPLY
        List<Callable<Integer>> same = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            same.add(() -> s.first().act(id, "willSupply").statusCode());
        }
        List<Integer> statuses = atOnce(same);
        assertEquals(1, statuses.stream().filter(c -> c == 200).count(), statuses.toString());
        assertEquals(11, statuses.stream().filter(c -> c == 409).count(), statuses.toString());
        assertEquals(List.of("willSupply"), staffActions(get(s.borrower(), id)));

        // different actions of both sides, each sent with the version both sides saw: exactly one wins
        int version = get(s.borrower(), id).path("version");
        List<Callable<Integer>> mixed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> body = switch (i % 3) {
                case 0 -> Map.of("action", "ship", "version", version);
                case 1 -> Map.of("action", "unfilled", "reason", "NotOnShelf", "version", version);
                default -> Map.of("action", "cancel", "version", version);
            };
            Library who = i % 3 == 2 ? s.borrower() : s.first();
            mixed.add(() -> who.act(id, body).statusCode());
        }
        statuses = atOnce(mixed);
        assertEquals(1, statuses.stream().filter(c -> c == 200).count(), statuses.toString());
        assertEquals(11, statuses.stream().filter(c -> c == 409 || c == 403).count(), statuses.toString());
        assertEquals(2, staffActions(get(s.borrower(), id)).size(), staffActions(get(s.borrower(), id)).toString());
    }

    @Test
    void anActiveRequestOfTheSamePatronForTheSameTitleIsFlagged() {
        Setup s = setup();
        long first = create(s.borrower(), loanOf(s.clusterId(), "P-500"));
        Response second = request(s.borrower(), loanOf(s.clusterId(), "p-500"));
        assertEquals(201, second.statusCode(), second.asString());
        assertEquals(first, second.jsonPath().getLong("duplicateOf"));
        Response other = request(s.borrower(), loanOf(s.clusterId(), "P-501"));
        assertNull(other.path("duplicateOf"));
    }

    @Test
    void aCitationTheCatalogDoesNotHaveGoesToMembersWhosePolicySuppliesIt() {
        Setup s = setup();
        Map<String, Object> body = new HashMap<>(Map.of("serviceType", "COPY", "title", "Journal of Obscure Studies",
                "articleTitle", "A rare article", "volume", "12", "issue", "3", "pages", "1-20", "year", 2021,
                "issn", "1234-5679", "patronId", "P-600", "copyright", "CCL"));
        long id = create(s.borrower(), body);
        Response r = get(s.borrower(), id);
        assertNull(r.path("clusterId"));
        assertEquals("SENT", r.path("state"));
        List<String> asked = r.jsonPath().getList("rota.findAll { it.position != null }.memberCode");
        assertTrue(asked.contains(s.first().code()) && asked.contains(s.second().code()), asked.toString());
        assertTrue(r.jsonPath().getString("rota[0].explanation").startsWith("citation not in the catalog"));
    }

    @Test
    void aBadRequestIsRefusedNamingEveryFieldAtFault() {
        Setup s = setup();
        request(s.borrower(), Map.of("serviceType", "COPY", "clusterId", s.clusterId(), "patronId", "P", "year", 3020,
                "issn", "12345")).then().statusCode(400)
                .body("errors.field", equalTo(List.of("articleTitle", "copyright", "year", "issn")));
        request(s.borrower(), Map.of("serviceType", "COPY", "clusterId", s.clusterId())).then().statusCode(400)
                .body("errors.field", hasItem("patronId"));
        request(s.borrower(), Map.of("serviceType", "LOAN", "patronId", "P")).then().statusCode(400)
                .body("errors[0].field", equalTo("title"));
        request(s.borrower(), loanOf(987_654_321L, "P")).then().statusCode(400)
                .body("detail", containsString("no cluster 987654321"));
        Map<String, Object> past = loanOf(s.clusterId(), "P");
        past.put("needBefore", "2001-01-01");
        request(s.borrower(), past).then().statusCode(400).body("errors[0].field", equalTo("needBefore"));
        Map<String, Object> wrongType = loanOf(s.clusterId(), "P");
        wrongType.put("serviceType", "LEND");
        request(s.borrower(), wrongType).then().statusCode(400);
        Map<String, Object> unknown = loanOf(s.clusterId(), "P");
        unknown.put("colour", "red");
        request(s.borrower(), unknown).then().statusCode(400).body("errors[0].field", equalTo("colour"));
        assertEquals(0L, s.borrower().staffCall().get("/api/v1/ill/requests?side=borrowing").jsonPath().getLong("total"));
    }

    @Test
    void staffActOnlyForTheirOwnMemberAndOnlyStaffAct() {
        Setup s = setup();
        Library outsider = library();
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-700"));

        // member A's staff cannot act as lender B, nor can an unrelated member's staff act at all
        s.borrower().act(id, "willSupply").then().statusCode(409);
        outsider.act(id, "willSupply").then().statusCode(403)
                .body("detail", containsString("ILL staff of " + outsider.code() + " may not act on ILL request " + id));
        s.second().act(id, "willSupply").then().statusCode(403);
        String manager = createUser("ALLIANCE_MANAGER", null);
        as(manager, STAFF_PASSWORD).body(Map.of("action", "cancel")).post("/api/v1/ill/requests/{id}/actions", id)
                .then().statusCode(403);
        asAdmin().body(Map.of("action", "cancel")).post("/api/v1/ill/requests/{id}/actions", id).then().statusCode(403);
        withKey(s.borrower().apiKey()).body(Map.of("action", "cancel")).post("/api/v1/ill/requests/{id}/actions", id)
                .then().statusCode(403);

        // only ILL staff make requests
        asAdmin().body(loanOf(s.clusterId(), "P")).post("/api/v1/ill/requests").then().statusCode(403);
        as(manager, STAFF_PASSWORD).body(loanOf(s.clusterId(), "P")).post("/api/v1/ill/requests").then().statusCode(403);
        withKey(s.borrower().apiKey()).body(loanOf(s.clusterId(), "P")).post("/api/v1/ill/requests").then().statusCode(403);

        // reading: the borrower, lenders it was sent to, consortium-wide roles; not the outsider, not the next lender yet
        get(outsider, id).then().statusCode(403).body("detail", containsString("may not read ILL request " + id));
        get(s.second(), id).then().statusCode(403);
        as(manager, STAFF_PASSWORD).get("/api/v1/ill/requests/{id}", id).then().statusCode(200);
        asAdmin().get("/api/v1/ill/requests/{id}", id).then().statusCode(200);
        withKey(s.borrower().apiKey()).get("/api/v1/ill/requests/{id}", id).then().statusCode(403);
        anonymousCall(id);
    }

    private static void anonymousCall(long id) {
        io.restassured.RestAssured.given().get("/api/v1/ill/requests/{id}", id).then().statusCode(401);
    }

    @Test
    void queuesShowEachMemberItsBorrowingAndItsLending() {
        Setup s = setup();
        long id = create(s.borrower(), loanOf(s.clusterId(), "P-800"));

        s.borrower().staffCall().get("/api/v1/ill/requests?side=borrowing").then().statusCode(200)
                .body("total", equalTo(1)).body("requests[0].id", equalTo((int) id))
                .body("requests[0].lenderCode", equalTo(s.first().code()));
        s.borrower().staffCall().get("/api/v1/ill/requests?side=lending").then().statusCode(200).body("total", equalTo(0));
        s.first().staffCall().get("/api/v1/ill/requests?side=lending&state=SENT").then().statusCode(200)
                .body("total", equalTo(1)).body("requests[0].state", equalTo("SENT"));
        s.second().staffCall().get("/api/v1/ill/requests?side=lending").then().body("total", equalTo(0));
        s.first().staffCall().get("/api/v1/ill/requests").then().statusCode(400).body("errors[0].field", equalTo("side"));
        s.first().staffCall().get("/api/v1/ill/requests?side=borrowing&member={m}", s.borrower().code()).then().statusCode(403);
        s.first().staffCall().get("/api/v1/ill/requests?side=lending&state=NOWHERE").then().statusCode(400);
        asAdmin().get("/api/v1/ill/requests?side=borrowing&member={m}", s.borrower().code()).then().statusCode(200)
                .body("total", equalTo(1));
        withKey(s.borrower().apiKey()).get("/api/v1/ill/requests?side=borrowing").then().statusCode(403);
    }

    @Test
    void theStateModelsAreServedAsData() {
        Library lib = library();
        Response models = lib.staffCall().get("/api/v1/ill/state-models");
        assertEquals(200, models.statusCode());
        assertEquals(List.of("LOAN", "COPY"), models.jsonPath().getList("serviceType"));
        List<String> loanActions = models.jsonPath().getList("[0].transitions.action");
        assertTrue(loanActions.containsAll(List.of("grantRenewal", "recall", "checkIn", "markOverdue")));
        List<String> copyActions = models.jsonPath().getList("[1].transitions.action");
        assertTrue(!copyActions.contains("checkIn") && copyActions.contains("ship"));
        models.then().body("[0].states.find { it.state == 'SHIPPED' }.isoStatus", equalTo("Loaned"))
                .body("[1].states.find { it.state == 'SHIPPED' }.isoStatus", equalTo("CopyCompleted"))
                .body("[0].states.find { it.state == 'SOURCING' }.isoStatus", nullValue());
    }
}
