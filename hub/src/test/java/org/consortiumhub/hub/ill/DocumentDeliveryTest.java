package org.consortiumhub.hub.ill;

import static org.consortiumhub.hub.ill.IllFixtures.library;
import static org.consortiumhub.hub.ill.IllFixtures.loanOf;
import static org.consortiumhub.hub.ill.IllFixtures.request;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.consortiumhub.hub.ill.IllFixtures.Setup;
import org.consortiumhub.hub.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Copies delivered as PDFs through expiring links, and the CONTU rule of five on copy requests. */
@QuarkusTest
class DocumentDeliveryTest {

    static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    @Inject
    MovableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static long copyRequest(Setup s) {
        Map<String, Object> body = new HashMap<>(Map.of("serviceType", "COPY", "clusterId", s.clusterId(), "patronId", "P-1",
                "articleTitle", "A chapter", "pages", "1-10", "copyright", "CCL"));
        Response r = request(s.borrower(), body);
        assertEquals(201, r.statusCode(), r.asString());
        return r.jsonPath().getLong("id");
    }

    static Response upload(Library who, long id, byte[] body) {
        return who.staffCall().contentType("application/pdf").body(body)
                .put("/api/v1/ill/requests/{id}/document?fileName=chapter one.pdf", id);
    }

    @Test
    void theLenderDeliversAPdfAndTheBorrowerDownloadsItAtMostFiveTimes() throws Exception {
        Setup s = IllFixtures.setup(Map.of());
        long id = copyRequest(s);

        upload(s.borrower(), id, PDF).then().statusCode(403).body("detail", containsString("the lender"));
        upload(s.first(), id, "plain text".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("detail", containsString("not a PDF"));
        Response stored = upload(s.first(), id, PDF);
        assertEquals(200, stored.statusCode(), stored.asString());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF));
        assertEquals(sha, stored.path("sha256"));
        assertEquals(PDF.length, (int) stored.path("size"));
        assertEquals("chapter one.pdf", stored.path("fileName"));
        Response shipped = s.borrower().staffCall().get("/api/v1/ill/requests/{id}", id);
        assertEquals("SHIPPED", shipped.path("state"));
        assertEquals("CopyCompleted", shipped.path("isoStatus"));
        assertTrue(shipped.jsonPath().getString("timeline[2].note").contains("SHA-256 " + sha));

        // delivering again is refused, and changes nothing
        upload(s.first(), id, (new String(PDF, StandardCharsets.ISO_8859_1) + "x").getBytes(StandardCharsets.ISO_8859_1))
                .then().statusCode(409);
        s.borrower().staffCall().get("/api/v1/ill/requests/{id}/document", id).then().statusCode(200)
                .body("sha256", equalTo(sha));

        s.first().staffCall().post("/api/v1/ill/requests/{id}/document/link", id).then().statusCode(403);
        Response link = s.borrower().staffCall().post("/api/v1/ill/requests/{id}/document/link", id);
        assertEquals(200, link.statusCode(), link.asString());
        assertEquals(5, (int) link.path("downloadsLeft"));
        String url = link.path("url");
        for (int i = 0; i < 5; i++) {
            Response download = RestAssured.given().get(url);
            assertEquals(200, download.statusCode(), download.asString());
            assertTrue(download.contentType().startsWith("application/pdf"), download.contentType());
            assertArrayEquals(PDF, download.asByteArray());
            assertTrue(download.header("Content-Disposition").contains("chapter one.pdf"));
        }
        RestAssured.given().get(url).then().statusCode(410).body("detail", containsString("downloaded 5 times"));
        RestAssured.given().get("/api/v1/ill/documents/not-a-link").then().statusCode(404);
        asAdmin().get("/api/v1/ill/requests/{id}/document", id).then().body("downloads", equalTo(5));
    }

    @Test
    void aLinkStopsWorkingWhenTheDocumentExpiresAndLoansTakeNoDocuments() {
        Setup s = IllFixtures.setup(Map.of());
        long id = copyRequest(s);
        upload(s.first(), id, PDF).then().statusCode(200);
        String url = s.borrower().staffCall().post("/api/v1/ill/requests/{id}/document/link", id).path("url");
        RestAssured.given().get(url).then().statusCode(200);
        clock.advance(Duration.ofDays(31));
        RestAssured.given().get(url).then().statusCode(410).body("detail", containsString("expired"));
        s.borrower().staffCall().post("/api/v1/ill/requests/{id}/document/link", id).then().statusCode(410);

        clock.reset();
        long loan = request(s.borrower(), loanOf(s.clusterId(), "P-2")).jsonPath().getLong("id");
        upload(s.first(), loan, PDF).then().statusCode(409).body("detail", containsString("is a loan"));
        Library outsider = library();
        outsider.staffCall().get("/api/v1/ill/requests/{id}/document", id).then().statusCode(403);
    }

    static Map<String, Object> article(String journal, int year, String copyright) {
        return new HashMap<>(Map.of("serviceType", "COPY", "title", journal, "articleTitle", "Article "
                + ThreadLocalRandom.current().nextInt(), "year", year, "patronId", "P-" + ThreadLocalRandom.current().nextInt(1000),
                "copyright", copyright));
    }

    @Test
    void theSixthRecentArticleFromOneJournalInAYearNeedsPermission() {
        Library borrower = library();
        Library other = library();
        IllFixtures.policy(library());
        String journal = "Journal of Rule Tests " + ThreadLocalRandom.current().nextInt(1_000_000);
        int lastYear = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
        for (int i = 0; i < 5; i++) {
            request(borrower, article(journal, lastYear, "CCG")).then().statusCode(201);
        }
        request(borrower, article(journal, lastYear, "CCG")).then().statusCode(409)
                .body("detail", containsString("rule of five: 5 copies from '" + journal + "'"))
                .body("errors[0].field", equalTo("copyrightPermission"));
        // other journals, older issues, other members, copies under the law, and recorded permission are not stopped
        request(borrower, article(journal + " B", lastYear, "CCG")).then().statusCode(201);
        request(borrower, article(journal, lastYear - 6, "CCG")).then().statusCode(201);
        request(other, article(journal, lastYear, "CCG")).then().statusCode(201);
        request(borrower, article(journal, lastYear, "CCL")).then().statusCode(201);
        Map<String, Object> permitted = article(journal, lastYear, "CCG");
        permitted.put("copyrightPermission", true);
        permitted.put("notes", "permission from the publisher, ref 2026-117");
        Response r = request(borrower, permitted);
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals(true, r.path("copyrightPermission"));
    }
}
