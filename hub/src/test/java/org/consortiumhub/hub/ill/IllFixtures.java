package org.consortiumhub.hub.ill;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.as;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.withKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Member libraries with ILL staff, catalogs and lending policies, set up through the API as a consortium would. */
public final class IllFixtures {

    /** A member with an ILL staff account and an adapter key. */
    public record Library(String code, String staff, String apiKey) {

        public RequestSpecification staffCall() {
            return as(staff, STAFF_PASSWORD);
        }

        public Response act(long requestId, String action) {
            return act(requestId, Map.of("action", action));
        }

        public Response act(long requestId, Map<String, Object> body) {
            return staffCall().body(body).post("/api/v1/ill/requests/{id}/actions", requestId);
        }
    }

    /** A borrower and two lenders (ordered by code, all else equal), each holding one lendable copy of a new title. */
    public record Setup(Library borrower, Library first, Library second, long clusterId) {
    }

    private IllFixtures() {
    }

    /** Sets up a borrower and two lenders; the first lender's policy gets these changes. */
    public static Setup setup(Map<String, Object> firstPolicy) {
        Library a = library();
        Library x = library();
        Library y = library();
        Library first = x.code().compareTo(y.code()) < 0 ? x : y;
        Library second = first == x ? y : x;
        String isbn = newIsbn();
        String title = "Lending test " + isbn;
        String id = holds(first, isbn, title, true);
        holds(second, isbn, title, true);
        holds(a, isbn, title, true);
        policy(first, firstPolicy);
        policy(second);
        policy(a);
        return new Setup(a, first, second, clusterOf(first, id));
    }

    public static Library library() {
        String code = createMember();
        return new Library(code, createUser("ILL_STAFF", code), createApiKey(code));
    }

    /** A fresh ISBN-13 so each test's title clusters only with itself. */
    public static String newIsbn() {
        StringBuilder s = new StringBuilder("978");
        for (int i = 0; i < 9; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (s.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return s.append((10 - sum % 10) % 10).toString();
    }

    /** The library's adapter sends a record of the book with one copy; returns the record's local id. */
    public static String holds(Library lib, String isbn, String title, boolean lendable) {
        String localId = "b" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String notForLoan = lendable ? "" : "<subfield code=\"7\">1</subfield>";
        String marc = """
                <collection xmlns="http://www.loc.gov/MARC21/slim"><record>
                <leader>00000nam a2200000 a 4500</leader>
                <controlfield tag="001">%s</controlfield>
                <controlfield tag="008">200101s2020    nyu           000 1 eng d</controlfield>
                <datafield tag="020" ind1=" " ind2=" "><subfield code="a">%s</subfield></datafield>
                <datafield tag="100" ind1="1" ind2=" "><subfield code="a">Tester, Tina.</subfield></datafield>
                <datafield tag="245" ind1="1" ind2="0"><subfield code="a">%s /</subfield><subfield code="c">Tina Tester.</subfield></datafield>
                <datafield tag="260" ind1=" " ind2=" "><subfield code="a">New York :</subfield><subfield code="b">Test Press,</subfield><subfield code="c">2020.</subfield></datafield>
                <datafield tag="300" ind1=" " ind2=" "><subfield code="a">320 p. ;</subfield><subfield code="c">24 cm</subfield></datafield>
                <datafield tag="952" ind1=" " ind2=" "><subfield code="a">MAIN</subfield><subfield code="o">PS3500 .T4 2020</subfield><subfield code="p">3900%s</subfield><subfield code="y">BOOK</subfield>%s</datafield>
                </record></collection>
                """.formatted(localId, isbn, title, localId.substring(1), notForLoan);
        withKey(lib.apiKey()).contentType("application/marcxml+xml").body(marc).post("/api/v1/catalog/records")
                .then().statusCode(200);
        return localId;
    }

    public static long clusterOf(Library lib, String localId) {
        return asAdmin().get("/api/v1/catalog/records/{m}/{id}", lib.code(), localId).then().statusCode(200)
                .extract().jsonPath().getLong("clusterId");
    }

    /** A lending policy that lends everything free for 28 days, answering within 2 business days, with changes. */
    public static void policy(Library lib, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(Map.of("lendsLoans", true, "lendsCopies", true, "loanPeriodDays", 28,
                "answerDays", 2, "rushAnswerHours", 4, "loanCost", 0, "copyCost", 0));
        body.putAll(changes);
        asAdmin().body(body).put("/api/v1/ill/lending-policies/{code}", lib.code()).then().statusCode(200);
    }

    public static void policy(Library lib) {
        policy(lib, Map.of());
    }

    public static Map<String, Object> loanOf(long clusterId, String patron) {
        return new HashMap<>(Map.of("serviceType", "LOAN", "clusterId", clusterId, "patronId", patron,
                "patronName", "Pat Patron"));
    }

    public static Response request(Library borrower, Map<String, Object> body) {
        return borrower.staffCall().body(body).post("/api/v1/ill/requests");
    }

    public static List<String> states(Response r) {
        return r.jsonPath().getList("timeline.to");
    }
}
