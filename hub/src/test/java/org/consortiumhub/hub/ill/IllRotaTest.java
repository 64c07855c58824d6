package org.consortiumhub.hub.ill;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.consortiumhub.hub.ill.IllFixtures.clusterOf;
import static org.consortiumhub.hub.ill.IllFixtures.holds;
import static org.consortiumhub.hub.ill.IllFixtures.library;
import static org.consortiumhub.hub.ill.IllFixtures.loanOf;
import static org.consortiumhub.hub.ill.IllFixtures.newIsbn;
import static org.consortiumhub.hub.ill.IllFixtures.policy;
import static org.consortiumhub.hub.ill.IllFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.consortiumhub.hub.support.MovableClock;
import org.consortiumhub.ill.rota.LendingBalance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rota over the API: who is asked in which order and why, who is left out and why, with members' adapters
 * (played by WireMock) answering live availability.
 */
@QuarkusTest
@ConnectWireMock
class IllRotaTest {

    WireMock wiremock;

    @Inject
    MovableClock clock;

    @Inject
    LendingBalance balance;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.wiremock.devservices.port")
    int port;

    @BeforeEach
    void freshAdapters() {
        wiremock.resetMappings();
        wiremock.resetRequests();
    }

    /** Libraries sorted by code, so tests can name who comes first when all else is equal. */
    static List<Library> libraries(int n) {
        List<Library> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(library());
        }
        list.sort(Comparator.comparing(Library::code));
        return list;
    }

    static String explanationOf(Response r, String code) {
        return r.jsonPath().getString("rota.find { it.memberCode == '" + code + "' }.explanation");
    }

    static Integer positionOf(Response r, String code) {
        return r.jsonPath().get("rota.find { it.memberCode == '" + code + "' }.position");
    }

    @Test
    void liveAvailabilityAndPoliciesDecideWhoIsAskedAndEveryChoiceIsExplained() {
        Library borrower = library();
        List<Library> libs = libraries(7);
        Library shelf = libs.get(0);
        Library down = libs.get(1);
        Library out = libs.get(2);
        Library noPolicy = libs.get(3);
        Library reference = libs.get(4);
        Library scores = libs.get(5);
        Library closed = libs.get(6);
        String isbn = newIsbn();
        String title = "Rota test " + isbn;
        String shelfId = holds(shelf, isbn, title, true);
        holds(down, isbn, title, true);
        String outId = holds(out, isbn, title, true);
        holds(noPolicy, isbn, title, true);
        holds(reference, isbn, title, false);
        holds(scores, isbn, title, true);
        holds(closed, isbn, title, true);
        String base = "http://localhost:" + port;
        policy(shelf, Map.of("availabilityUrl", base + "/shelf", "availabilitySecret", "shelf-secret"));
        // nothing listens on port 9 of this machine: the adapter cannot be reached
        policy(down, Map.of("availabilityUrl", "http://127.0.0.1:9/down"));
        policy(out, Map.of("availabilityUrl", base + "/out/"));
        policy(reference);
        policy(scores, Map.of("materialTypes", List.of("SCORE")));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        policy(closed, Map.of("closures", List.of(Map.of("firstDay", today.minusDays(1).toString(),
                "lastDay", today.plusDays(1).toString(), "reason", "moving house"))));

        wiremock.register(get(urlPathEqualTo("/shelf/availability")).withQueryParam("localId", equalTo(shelfId))
                .withHeader("Authorization", equalTo("Bearer shelf-secret"))
                .willReturn(okJson("{\"memberCode\":\"" + shelf.code() + "\",\"checkedAt\":\"2026-11-21T08:00:00Z\",\"items\":["
                        + "{\"localId\":\"" + shelfId + "\",\"barcode\":\"39001\",\"location\":\"Main\",\"callNumber\":\"PS1\","
                        + "\"status\":\"AVAILABLE\",\"dueDate\":null}]}")));
        wiremock.register(get(urlPathEqualTo("/out/availability")).withQueryParam("localId", equalTo(outId))
                .willReturn(okJson("{\"memberCode\":\"" + out.code() + "\",\"checkedAt\":\"2026-11-21T08:00:00Z\",\"items\":["
                        + "{\"localId\":\"" + outId + "\",\"barcode\":\"39002\",\"location\":\"Main\",\"callNumber\":\"PS1\","
                        + "\"status\":\"CHECKED_OUT\",\"dueDate\":\"2026-12-01\"}]}")));

        long cluster = clusterOf(shelf, shelfId);
        Response r = request(borrower, loanOf(cluster, "P-1"));
        assertEquals(201, r.statusCode(), r.asString());

        assertEquals(1, positionOf(r, shelf.code()));
        assertEquals(2, positionOf(r, down.code()));
        assertTrue(explanationOf(r, shelf.code()).contains("live availability: 1 of 1 copies available"), explanationOf(r, shelf.code()));
        assertTrue(explanationOf(r, down.code()).contains("live availability not checked: " + down.code() + "'s adapter at"),
                explanationOf(r, down.code()));
        assertEquals("left out: its adapter reports no copy available now (CHECKED_OUT until 2026-12-01)", explanationOf(r, out.code()));
        assertEquals("left out: has no lending policy", explanationOf(r, noPolicy.code()));
        assertEquals("left out: none of its 1 copies may go out on loan (reference, library use only or similar)",
                explanationOf(r, reference.code()));
        assertEquals("left out: its lending policy does not lend BOOK (it lends SCORE)", explanationOf(r, scores.code()));
        assertTrue(explanationOf(r, closed.code()).startsWith("left out: closed from " + today.minusDays(1)), explanationOf(r, closed.code()));
        assertTrue(explanationOf(r, closed.code()).endsWith("(moving house)"));
        assertEquals(shelf.code(), r.path("lenderCode"));
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo("/shelf/availability"))
                .withHeader("Authorization", equalTo("Bearer shelf-secret")));
    }

    @Test
    void anAdapterAnsweringNonsenseIsTreatedAsUnreachable() {
        Library borrower = library();
        Library lender = library();
        String isbn = newIsbn();
        String id = holds(lender, isbn, "Nonsense test " + isbn, true);
        policy(lender, Map.of("availabilityUrl", "http://localhost:" + port + "/odd"));
        wiremock.register(get(urlPathEqualTo("/odd/availability")).willReturn(okJson("{\"items\":[{\"status\":\"GONE\"}]}")));
        Response r = request(borrower, loanOf(clusterOf(lender, id), "P-2"));
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals(1, positionOf(r, lender.code()));
        assertTrue(explanationOf(r, lender.code()).contains("items[0].status 'GONE' is not one of"), explanationOf(r, lender.code()));
    }

    @Test
    void aMemberThatHasLentMoreIsAskedAfterOneThatHasLentLessAndCostBreaksTies() {
        Library borrower = library();
        List<Library> libs = libraries(3);
        Library x = libs.get(0);
        Library y = libs.get(1);
        Library z = libs.get(2);
        String isbn = newIsbn();
        String id = holds(x, isbn, "Balance test " + isbn, true);
        holds(y, isbn, "Balance test " + isbn, true);
        holds(z, isbn, "Balance test " + isbn, true);
        policy(x);
        policy(y, Map.of("loanCost", 3));
        policy(z);
        long cluster = clusterOf(x, id);

        Response first = request(borrower, loanOf(cluster, "P-3"));
        assertEquals(List.of(x.code(), z.code(), y.code()), first.jsonPath().getList("rota.findAll { it.position != null }.memberCode"));
        assertTrue(explanationOf(first, y.code()).contains("because its cost 3.00 is higher than 0.00"), explanationOf(first, y.code()));
        x.act(first.jsonPath().getLong("id"), "ship").then().statusCode(200);

        // x has now lent once: balance +1, asked after the others
        Map<String, Object> again = new HashMap<>(loanOf(cluster, "P-4"));
        Response second = request(borrower, again);
        assertEquals(List.of(z.code(), y.code(), x.code()), second.jsonPath().getList("rota.findAll { it.position != null }.memberCode"));
        assertTrue(explanationOf(second, x.code()).contains("lent 1, borrowed 0 (balance +1)"), explanationOf(second, x.code()));
        assertTrue(explanationOf(second, x.code()).contains("its balance +1 is higher than 0"), explanationOf(second, x.code()));
    }

    /** Three libraries with lending policies; the lender and the borrower hold a new book, the other does not. */
    record Exchange(Library lender, Library borrower, Library other, long cluster) {
    }

    static Exchange exchange(String title) {
        List<Library> libs = libraries(3);
        String isbn = newIsbn();
        String id = holds(libs.get(0), isbn, title + " " + isbn, true);
        holds(libs.get(1), isbn, title + " " + isbn, true);
        libs.forEach(IllFixtures::policy);
        return new Exchange(libs.get(0), libs.get(1), libs.get(2), clusterOf(libs.get(0), id));
    }

    @Test
    void whatAMemberBorrowedCountsAgainstItsBalanceWhenOthersAsk() {
        Exchange x = exchange("Borrowed balance test");
        Library lender = x.lender();
        Library borrower = x.borrower();
        Library other = x.other();
        long cluster = x.cluster();

        Response lent = request(borrower, loanOf(cluster, "P-5"));
        assertEquals(lender.code(), lent.path("lenderCode"));
        lender.act(lent.jsonPath().getLong("id"), "ship").then().statusCode(200);

        Response asked = request(other, loanOf(cluster, "P-6"));
        assertEquals(List.of(borrower.code(), lender.code()), asked.jsonPath().getList("rota.findAll { it.position != null }.memberCode"));
        assertTrue(explanationOf(asked, borrower.code()).contains("lent 0, borrowed 1 (balance -1)"), explanationOf(asked, borrower.code()));
        assertTrue(explanationOf(asked, lender.code()).contains("lent 1, borrowed 0 (balance +1)"), explanationOf(asked, lender.code()));
    }

    @Test
    void theBalanceCountsTheLastYearOfShippingAndForgetsWhatIsOlder() {
        Exchange x = exchange("Balance year test");
        Library lender = x.lender();
        Library borrower = x.borrower();
        Library other = x.other();
        long cluster = x.cluster();
        try {
            clock.set(LocalDate.of(2026, 3, 2).atTime(10, 0).toInstant(ZoneOffset.UTC));
            for (String patron : List.of("P-Y1", "P-Y2")) {
                Response lent = request(borrower, loanOf(cluster, patron));
                assertEquals(lender.code(), lent.path("lenderCode"));
                lender.act(lent.jsonPath().getLong("id"), "ship").then().statusCode(200);
                lender.act(lent.jsonPath().getLong("id"), "ship").then().statusCode(409);
            }
            assertEquals(2, linesOf(lender));

            // the timer job folds a day's lines into one; the balance stays what it was
            assertTrue(balance.fold().await().indefinitely() >= 2);
            assertEquals(1, linesOf(lender));
            assertEquals(1, linesOf(borrower));

            clock.set(LocalDate.of(2027, 3, 1).atTime(23, 0).toInstant(ZoneOffset.UTC));
            Response lastDay = request(other, loanOf(cluster, "P-Y3"));
            assertTrue(explanationOf(lastDay, lender.code()).contains("lent 2, borrowed 0 (balance +2)"), explanationOf(lastDay, lender.code()));
            assertTrue(explanationOf(lastDay, borrower.code()).contains("lent 0, borrowed 2 (balance -2)"), explanationOf(lastDay, borrower.code()));

            clock.set(LocalDate.of(2027, 3, 2).atTime(1, 0).toInstant(ZoneOffset.UTC));
            Response yearOn = request(other, loanOf(cluster, "P-Y4"));
            assertTrue(explanationOf(yearOn, lender.code()).contains("lent 0, borrowed 0 (balance 0)"), explanationOf(yearOn, lender.code()));
            assertTrue(explanationOf(yearOn, borrower.code()).contains("lent 0, borrowed 0 (balance 0)"), explanationOf(yearOn, borrower.code()));

            // a month past the year, the old lines go
            clock.set(LocalDate.of(2027, 4, 10).atTime(1, 0).toInstant(ZoneOffset.UTC));
            balance.fold().await().indefinitely();
            assertEquals(0, linesOf(lender));
            assertEquals(0, linesOf(borrower));
        } finally {
            clock.reset();
        }
    }

    private long linesOf(Library library) {
        return pool.preparedQuery("select count(*) as n from ill_lending_day d join member_library m on m.id = d.member_id"
                + " where m.code = $1").execute(Tuple.of(library.code())).await().indefinitely().iterator().next().getLong("n");
    }

    @Test
    void aLenderAtItsLimitOfLoansOutIsLeftOutUntilALoanComesBack() {
        List<Library> libs = libraries(2);
        Library lender = libs.get(0);
        Library other = libs.get(1);
        Library borrower = library();
        String isbn = newIsbn();
        String id = holds(lender, isbn, "Loans out test " + isbn, true);
        holds(other, isbn, "Loans out test " + isbn, true);
        policy(lender, Map.of("maxActiveLoans", 1));
        policy(other);
        long cluster = clusterOf(lender, id);

        // promised (willSupply) counts as out as much as shipped does
        Response first = request(borrower, loanOf(cluster, "P-7"));
        assertEquals(lender.code(), first.path("lenderCode"));
        long loan = first.jsonPath().getLong("id");
        lender.act(loan, "willSupply").then().statusCode(200);
        Response whilePromised = request(borrower, loanOf(cluster, "P-8"));
        assertEquals(null, positionOf(whilePromised, lender.code()));
        assertTrue(explanationOf(whilePromised, lender.code()).contains("has 1 items on loan to other members, its limit is 1"),
                explanationOf(whilePromised, lender.code()));

        lender.act(loan, "ship").then().statusCode(200);
        borrower.act(loan, "received").then().statusCode(200);
        assertEquals(null, positionOf(request(borrower, loanOf(cluster, "P-9")), lender.code()));
        borrower.act(loan, "shipReturn").then().statusCode(200);
        assertEquals(null, positionOf(request(borrower, loanOf(cluster, "P-10")), lender.code()));

        // checked in: the item is back and the lender is asked again
        lender.act(loan, "checkIn").then().statusCode(200);
        Response after = request(borrower, loanOf(cluster, "P-11"));
        assertTrue(positionOf(after, lender.code()) != null, explanationOf(after, lender.code()));
    }
}
