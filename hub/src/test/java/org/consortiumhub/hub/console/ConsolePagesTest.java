package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.support.Hub.ADMIN;
import static org.consortiumhub.hub.support.Hub.ADMIN_PASSWORD;
import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.consortiumhub.hub.support.Hub.newCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.consortiumhub.hub.catalog.CatalogIngestTest;
import org.consortiumhub.hub.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The console's catalog and admin pages over HTTP: what they show, what they accept, and what they refuse. */
@QuarkusTest
class ConsolePagesTest {

    @Test
    void catalogSearchShowsClustersWithFacetsAndHoldingsAndEscapesWhatRecordsSay() {
        String member = createMember();
        String key = createApiKey(member);
        CatalogIngestTest.post(key, CatalogIngestTest.marcXml("xss-1", "9780140439267",
                "&lt;script&gt;alert('owned')&lt;/script&gt; Narwhal migrations", "Ishmael, Cetus", "2001", "320 p."),
                "application/marcxml+xml");
        ConsoleBrowser staff = ConsoleBrowser.login(createUser("ILL_STAFF", member), STAFF_PASSWORD);

        String page = staff.page().queryParam("q", "narwhal migrations").get("/console/catalog").then().statusCode(200)
                .body(containsString("<strong>1</strong> manifestation found"))
                .body(containsString("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; Narwhal migrations"))
                .body(not(containsString("<script>alert(")))
                .body(containsString(member + " · 1 of 1 lendable"))
                .extract().asString();
        // Facet links keep the query and add the filter.
        assertTrue(page.contains("href=\"/console/catalog?q=narwhal+migrations&amp;member=" + member + "\""), page);

        Matcher cluster = Pattern.compile("href=\"/console/catalog/clusters/(\\d+)\"").matcher(page);
        assertTrue(cluster.find(), page);
        staff.page().get("/console/catalog/clusters/{id}", cluster.group(1)).then().statusCode(200)
                .body(containsString("isbn:9780140439267"))
                .body(containsString("Main stacks"))
                .body(containsString("href=\"/console/catalog/records/" + member + "/xss-1\""))
                .body(not(containsString("<script>alert(")));
        staff.page().get("/console/catalog/records/{m}/{id}", member, "xss-1").then().statusCode(200)
                .body(containsString("<td>245</td>"))
                .body(containsString("Narwhal migrations"))
                .body(not(containsString("<script>alert(")));

        // An ISBN typed with hyphens finds the record, as in the API.
        staff.page().queryParam("q", "0-14-043926-9").get("/console/catalog").then()
                .body(containsString("<strong>1</strong> manifestation found"));
        // A bad filter is explained on the page, not answered with an error.
        staff.page().queryParam("q", "narwhal").queryParam("yearFrom", "soon").get("/console/catalog").then().statusCode(200)
                .body(containsString("Year from: &#39;soon&#39; is not a year"));
        staff.page().get("/console/catalog/clusters/999999999").then().statusCode(404)
                .body(containsString("there is no cluster 999999999"));
    }

    @Test
    void anAdminAddsAMemberAndARefusedFormComesBackFilledInWithReasons() {
        ConsoleBrowser admin = ConsoleBrowser.login(ADMIN, ADMIN_PASSWORD);
        String code = newCode();
        admin.form().formParam("code", code).formParam("name", "Harbour Library").formParam("contactEmail", "not-an-email")
                .formParam("fte", "lots").formParam("line1", "1 Quay").formParam("locality", "Port")
                .formParam("postalCode", "1000").formParam("country", "US")
                .post("/console/admin/members").then().statusCode(400)
                .body(containsString("value=\"Harbour Library\""))
                .body(containsString("&#39;lots&#39; is not a number"));
        asAdmin().get("/api/v1/members/{code}", code).then().statusCode(404);

        admin.form().formParam("code", code).formParam("name", "Harbour Library").formParam("contactEmail", "ill@harbour.example")
                .formParam("fte", "1,250").formParam("line1", "1 Quay").formParam("locality", "Port")
                .formParam("postalCode", "1000").formParam("country", "US")
                .post("/console/admin/members").then().statusCode(303)
                .header("Location", endsWith("/console/admin/members/" + code + "?saved=1"));
        asAdmin().get("/api/v1/members/{code}", code).then().statusCode(200)
                .body("name", equalTo("Harbour Library")).body("fte", org.consortiumhub.hub.support.Hub.number(1250));

        String keyPage = admin.form().formParam("label", "catalog sync")
                .post("/console/admin/members/{code}/api-keys", code).then().statusCode(200).extract().asString();
        Matcher key = Pattern.compile("id=\"issued-key\">(chk_[^<]+)<").matcher(keyPage);
        assertTrue(key.find(), keyPage);
        // The key shown once is a working key for that member.
        org.consortiumhub.hub.support.Hub.withKey(key.group(1)).get("/api/v1/me").then().statusCode(200)
                .body("memberCode", equalTo(code));
        String keyId = key.group(1).substring(4, key.group(1).indexOf('.'));
        admin.page().get("/console/admin/members/{code}", code).then().statusCode(200)
                .body(containsString(keyId)).body(not(containsString(key.group(1))));
        admin.form().post("/console/admin/members/{code}/api-keys/{id}/revoke", code, keyId).then().statusCode(303);
        org.consortiumhub.hub.support.Hub.withKey(key.group(1)).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void anAdminAddsAnAccountThatCanThenLogIn() {
        String member = createMember();
        ConsoleBrowser admin = ConsoleBrowser.login(ADMIN, ADMIN_PASSWORD);
        String username = "desk" + System.nanoTime() % 1_000_000;
        admin.form().formParam("username", username).formParam("displayName", "Desk").formParam("email", "desk@example.org")
                .formParam("role", "ILL_STAFF").formParam("memberCode", "").formParam("password", "short")
                .post("/console/admin/users").then().statusCode(400)
                .body(containsString("value=\"" + username + "\""));
        assertEquals(401, ConsoleBrowser.postLogin(username, "a-long-enough-password").statusCode());

        admin.form().formParam("username", username).formParam("displayName", "Desk").formParam("email", "desk@example.org")
                .formParam("role", "ILL_STAFF").formParam("memberCode", member).formParam("password", "a-long-enough-password")
                .post("/console/admin/users").then().statusCode(303);
        ConsoleBrowser desk = ConsoleBrowser.login(username, "a-long-enough-password");
        desk.page().get("/console").then().statusCode(200).body(containsString("ILL staff, " + member));
    }

    @Test
    void managersSeeEachMembersCatalogueAndWhatOnlyItHoldsAndCanDownloadIt() {
        String a = createMember();
        String b = createMember();
        // fresh ISBNs: other tests' records must not join these clusters
        String shared = org.consortiumhub.hub.ill.IllFixtures.newIsbn();
        CatalogIngestTest.post(createApiKey(a), CatalogIngestTest.marcXml("a-1", shared, "Shared algorithms",
                "Cormen, Thomas", "2009", "1292 p."), "application/marcxml+xml");
        CatalogIngestTest.post(createApiKey(a), CatalogIngestTest.marcXml("a-2", org.consortiumhub.hub.ill.IllFixtures.newIsbn(),
                "Lonely narwhals", "Ishmael, Cetus", "2001", "320 p."), "application/marcxml+xml");
        CatalogIngestTest.post(createApiKey(b), CatalogIngestTest.marcXml("b-1", shared, "Shared algorithms",
                "Cormen, Thomas", "2009", "1292 p."), "application/marcxml+xml");
        ConsoleBrowser manager = ConsoleBrowser.login(createUser("ALLIANCE_MANAGER", null), STAFF_PASSWORD);
        manager.page().get("/console/alliance").then().statusCode(200)
                .body(containsString("href=\"/console/alliance/members/" + a + "\""))
                .body(containsString("data-chart=\"catalog-chart\""));
        String csv = manager.page().get("/console/alliance/catalogs.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", containsString("member-catalogs.csv"))
                .extract().asString();
        assertTrue(csv.startsWith("\uFEFFmember,name,records,manifestations,uniquely_held,shared,lendable_items\r\n"), csv);
        // a: two records, two manifestations, one of them held by a alone, one lendable item each (852 without status)
        assertTrue(csv.contains("\r\n" + a + ",Library " + a + ",2,2,1,1,"), csv);
        assertTrue(csv.contains("\r\n" + b + ",Library " + b + ",1,1,0,1,"), csv);
        manager.page().get("/console/alliance/members/{code}", a).then().statusCode(200).body(containsString("Library " + a));

        ConsoleBrowser staff = ConsoleBrowser.login(createUser("ILL_STAFF", a), STAFF_PASSWORD);
        staff.page().get("/console/alliance").then().statusCode(403);
        staff.page().get("/console/alliance/catalogs.csv").then().statusCode(403);
    }

    @Test
    void managersSeeIllFiguresPerMonthAndEachMembersLendingAgainstItsBorrowing() {
        var setup = org.consortiumhub.hub.ill.IllFixtures.setup(java.util.Map.of());
        long id = org.consortiumhub.hub.ill.IllFixtures.request(setup.borrower(),
                org.consortiumhub.hub.ill.IllFixtures.loanOf(setup.clusterId(), "P-1")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        setup.first().act(id, "ship").then().statusCode(200);
        setup.borrower().act(id, "received").then().statusCode(200);

        ConsoleBrowser manager = ConsoleBrowser.login(createUser("ALLIANCE_MANAGER", null), STAFF_PASSWORD);
        manager.page().get("/console/alliance").then().statusCode(200)
                .body(containsString("data-chart=\"volume-chart\""))
                .body(containsString("data-chart=\"balance-chart\""));
        String balance = manager.page().get("/console/alliance/ill-balance.csv").then().statusCode(200).extract().asString();
        String b = setup.borrower().code();
        String l = setup.first().code();
        assertTrue(balance.contains("\r\n" + b + ",Library " + b + ",1,1,0,0.0\r\n"), balance);
        assertTrue(balance.contains("\r\n" + l + ",Library " + l + ",0,0,1,\r\n"), balance);
        String months = manager.page().get("/console/alliance/ill-months.csv").then().statusCode(200).extract().asString();
        String thisMonth = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().substring(0, 7);
        assertTrue(months.contains("\r\n" + thisMonth + ","), months);
        manager.page().get("/console/alliance/members/{code}", l).then().statusCode(200).body(containsString("Lent per borrowed"));
    }

    @Test
    void theLenderDeliversACopyAndTheBorrowerGetsALinkForThePatron() {
        var setup = org.consortiumhub.hub.ill.IllFixtures.setup(java.util.Map.of());
        var body = new java.util.HashMap<String, Object>(java.util.Map.of("serviceType", "COPY", "clusterId", setup.clusterId(),
                "patronId", "P-7", "articleTitle", "Chapter 3", "pages", "41-60", "copyright", "CCL"));
        long id = org.consortiumhub.hub.ill.IllFixtures.request(setup.borrower(), body).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        ConsoleBrowser lender = ConsoleBrowser.login(setup.first().staff(), STAFF_PASSWORD);
        ConsoleBrowser borrower = ConsoleBrowser.login(setup.borrower().staff(), STAFF_PASSWORD);
        lender.page().get("/console/ill/requests/{id}", id).then().statusCode(200)
                .body(containsString("Deliver the copy (PDF)"));

        lender.upload().multiPart("file", "notes.txt", "just text".getBytes(), "text/plain")
                .post("/console/ill/requests/{id}/document", id).then().statusCode(400)
                .body(containsString("is not a PDF"));
        borrower.upload().multiPart("file", "copy.pdf", "%PDF-1.4 borrower".getBytes(), "application/pdf")
                .post("/console/ill/requests/{id}/document", id).then().statusCode(403);

        byte[] pdf = "%PDF-1.4\n% a delivered chapter\n%%EOF\n".getBytes();
        lender.upload().multiPart("file", "chapter-3.pdf", pdf, "application/pdf")
                .post("/console/ill/requests/{id}/document", id).then().statusCode(303);
        borrower.page().get("/console/ill/requests/{id}", id).then().statusCode(200)
                .body(containsString("chapter-3.pdf"))
                .body(containsString("SHIPPED"))
                .body(containsString("5 of 5 downloads left"));

        String page = borrower.form().post("/console/ill/requests/{id}/document/link", id).then().statusCode(200)
                .extract().asString();
        Matcher link = Pattern.compile("id=\"copy-link\" href=\"(/api/v1/ill/documents/[A-Za-z0-9_-]+)\"").matcher(page);
        assertTrue(link.find(), page);
        byte[] downloaded = io.restassured.RestAssured.given().get(link.group(1)).then().statusCode(200).extract().asByteArray();
        assertEquals(new String(pdf), new String(downloaded));
        // The lender may not hand out links; only the borrower's staff do.
        lender.form().post("/console/ill/requests/{id}/document/link", id).then().statusCode(403);
    }

    @Test
    void anAdminSetsALendingPolicyItsStaffReadItAndOtherLibrariesCannot() {
        String member = createMember();
        String other = createMember();
        ConsoleBrowser admin = ConsoleBrowser.login(ADMIN, ADMIN_PASSWORD);
        admin.page().get("/console/members/{code}/lending-policy", member).then().statusCode(200)
                .body(containsString("has no lending policy yet"));
        admin.form().formParam("lendsLoans", "true").formParam("materialTypes", "book, score")
                .formParam("loanPeriodDays", "soon").formParam("loanCost", "0").formParam("copyCost", "0")
                .formParam("answerDays", "2").formParam("rushAnswerHours", "4").formParam("closures", "2026-12-24 Christmas?")
                .post("/console/members/{code}/lending-policy", member).then().statusCode(400)
                .body(containsString("&#39;soon&#39; is not a whole number"))
                .body(containsString("line 1"));
        admin.form().formParam("lendsLoans", "true").formParam("materialTypes", "book, score")
                .formParam("loanPeriodDays", "21").formParam("loanCost", "0").formParam("copyCost", "2.50")
                .formParam("answerDays", "2").formParam("rushAnswerHours", "4")
                .formParam("closures", "2026-12-24 2027-01-01 Winter break")
                .post("/console/members/{code}/lending-policy", member).then().statusCode(303);
        asAdmin().get("/api/v1/ill/lending-policies/{code}", member).then().statusCode(200)
                .body("loanPeriodDays", equalTo(21)).body("lendsCopies", equalTo(false))
                .body("materialTypes", org.hamcrest.Matchers.contains("BOOK", "SCORE"))
                .body("closures[0].reason", equalTo("Winter break"));

        ConsoleBrowser staff = ConsoleBrowser.login(createUser("ILL_STAFF", member), STAFF_PASSWORD);
        staff.page().get("/console/members/{code}/lending-policy", member).then().statusCode(200)
                .body(containsString("value=\"21\""))
                .body(not(containsString("Save the policy")));
        staff.form().formParam("loanPeriodDays", "365").post("/console/members/{code}/lending-policy", member).then().statusCode(403);
        ConsoleBrowser stranger = ConsoleBrowser.login(createUser("ILL_STAFF", other), STAFF_PASSWORD);
        stranger.page().get("/console/members/{code}/lending-policy", member).then().statusCode(403);
    }

    @Test
    void managersReadTheAllianceReportsForAPeriodAndDownloadThem() {
        ConsoleBrowser manager = ConsoleBrowser.login(createUser("ALLIANCE_MANAGER", null), STAFF_PASSWORD);
        manager.page().queryParam("from", "2026-01-01").queryParam("to", "2026-12-31").get("/console/alliance/reports")
                .then().statusCode(200)
                .body(containsString("Spend per member"))
                .body(containsString("Shared print: retention coverage"))
                .body(containsString("Digital preservation audit"))
                .body(containsString("Buy instead of borrow"))
                .body(containsString("data-chart=\"spend-chart\""))
                .body(containsString("value=\"2026-01-01\""));
        String csv = manager.page().queryParam("from", "2026-01-01").queryParam("to", "2026-12-31")
                .get("/console/alliance/reports/spend.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("spend.csv")).extract().asString();
        assertTrue(csv.startsWith("member,"), csv);
        manager.page().queryParam("from", "soon").get("/console/alliance/reports").then().statusCode(200)
                .body(containsString("Dates are written as YYYY-MM-DD"));
        manager.page().queryParam("from", "2026-12-31").queryParam("to", "2026-01-01").get("/console/alliance/reports")
                .then().statusCode(200).body(containsString("after it ends"));
        ConsoleBrowser staff = ConsoleBrowser.login(createUser("ILL_STAFF", createMember()), STAFF_PASSWORD);
        staff.page().get("/console/alliance/reports").then().statusCode(403);
        staff.page().get("/console/alliance/reports/spend.csv").then().statusCode(403);
    }

    @Test
    void theHomePageCountsOpenRequestsAndMarksWhereItIsTheLibrarysMove() {
        var setup = org.consortiumhub.hub.ill.IllFixtures.setup(java.util.Map.of());
        org.consortiumhub.hub.ill.IllFixtures.request(setup.borrower(),
                org.consortiumhub.hub.ill.IllFixtures.loanOf(setup.clusterId(), "P-H")).then().statusCode(201);
        String borrower = ConsoleBrowser.login(setup.borrower().staff(), STAFF_PASSWORD).page().get("/console").then()
                .statusCode(200).extract().asString();
        String borrowing = borrower.substring(borrower.indexOf("id=\"borrowing-h\""), borrower.indexOf("id=\"lending-h\""));
        assertTrue(borrowing.contains("state=SENT&amp;type=LOAN\">SENT</a>"), borrowing);
        assertTrue(!borrowing.contains("your move"), "waiting for the lender is not the borrower's move: " + borrowing);
        String lender = ConsoleBrowser.login(setup.first().staff(), STAFF_PASSWORD).page().get("/console").then()
                .statusCode(200).extract().asString();
        String lending = lender.substring(lender.indexOf("id=\"lending-h\""));
        assertTrue(lending.contains("<tr class=\"needs-action\">") && lending.contains("your move"), lending);
    }

    @Test
    void aManagerProposesFromTheCatalogStaffPledgeAndTheManagerApproves() {
        var lib = org.consortiumhub.hub.ill.IllFixtures.library();
        String isbn = org.consortiumhub.hub.ill.IllFixtures.newIsbn();
        long cluster = org.consortiumhub.hub.ill.IllFixtures.clusterOf(lib,
                org.consortiumhub.hub.ill.IllFixtures.holds(lib, isbn, "Atlas of tides " + isbn, true));
        ConsoleBrowser manager = ConsoleBrowser.login(createUser("ALLIANCE_MANAGER", null), STAFF_PASSWORD);
        manager.page().queryParam("clusterId", cluster).get("/console/procurement/new").then().statusCode(200)
                .body(containsString("value=\"Atlas of tides " + isbn + "\""));
        manager.form().formParam("clusterId", String.valueOf(cluster)).formParam("title", "Atlas of tides")
                .formParam("vendor", "Tidal Press").formParam("currency", "USD").formParam("price", "12.345")
                .formParam("termStart", "2027-01-01").formParam("termEnd", "2027-12-31").formParam("basis", "EQUAL")
                .post("/console/procurement/proposals").then().statusCode(400)
                .body(containsString("is not an amount such as 1,250.00"))
                .body(containsString("value=\"Tidal Press\""));
        String location = manager.form().formParam("clusterId", String.valueOf(cluster)).formParam("title", "Atlas of tides")
                .formParam("vendor", "Tidal Press").formParam("currency", "usd").formParam("price", "1,200.00")
                .formParam("termStart", "2027-01-01").formParam("termEnd", "2027-12-31").formParam("basis", "EQUAL")
                .formParam("illPrint", "true").post("/console/procurement/proposals").then().statusCode(303)
                .extract().header("Location");
        String path = location.substring(location.indexOf("/console/"));
        manager.page().get(path).then().statusCode(200)
                .body(containsString("1,200.00 USD")).body(containsString(lib.code()));

        ConsoleBrowser staff = ConsoleBrowser.login(lib.staff(), STAFF_PASSWORD);
        staff.form().formParam("amount", "lots").post(path + "/pledge").then().statusCode(400)
                .body(containsString("is not an amount"));
        staff.form().formParam("amount", "600").formParam("note", "from the map fund").post(path + "/pledge").then()
                .statusCode(303);
        staff.page().get(path).then().statusCode(200).body(containsString("600.00 USD"))
                .body(not(containsString(">Approve</button>")));
        staff.form().formParam("decision", "APPROVE").post(path + "/decision").then().statusCode(403);

        manager.form().formParam("decision", "APPROVE").formParam("note", "good value").post(path + "/decision").then()
                .statusCode(303);
        manager.page().get(path).then().statusCode(200).body(containsString("APPROVED by"));
        manager.page().get("/console/procurement").then().statusCode(200).body(containsString("Atlas of tides"));
    }

    @Test
    void thePreservationPageShowsProgramsAlertsAndUnitsToWhoeverMayReadThem() {
        ConsoleBrowser manager = ConsoleBrowser.login(createUser("ALLIANCE_MANAGER", null), STAFF_PASSWORD);
        String name = "Console program " + System.nanoTime();
        org.consortiumhub.hub.support.Hub.as(createUser("ALLIANCE_MANAGER", null), STAFF_PASSWORD)
                .body(java.util.Map.of("name", name, "targetCopies", 2)).post("/api/v1/retention/programs").then().statusCode(201);
        manager.page().queryParam("months", 12).get("/console/preservation").then().statusCode(200)
                .body(containsString(name))
                .body(containsString("value=\"12\""))
                .body(containsString("Digital preservation"));
        ConsoleBrowser staff = ConsoleBrowser.login(createUser("ILL_STAFF", createMember()), STAFF_PASSWORD);
        staff.page().get("/console/preservation").then().statusCode(200).body(containsString(name));
    }

    @Test
    void aManagerStartsAProgramAndALibraryReportsTheFixityOfItsCopyFromTheConsole() {
        String manager = createUser("ALLIANCE_MANAGER", null);
        ConsoleBrowser managerConsole = ConsoleBrowser.login(manager, STAFF_PASSWORD);
        managerConsole.form().formParam("name", "Atlases " + System.nanoTime()).formParam("targetCopies", "two")
                .post("/console/preservation/programs").then().statusCode(400)
                .body(containsString("&#39;two&#39; is not a whole number"));
        String program = "Atlases " + System.nanoTime();
        managerConsole.form().formParam("name", program).formParam("targetCopies", "2").formParam("defaultTermYears", "25")
                .post("/console/preservation/programs").then().statusCode(303);
        managerConsole.page().get("/console/preservation").then().statusCode(200).body(containsString(program));

        String member = createMember();
        String staff = createUser("ILL_STAFF", member);
        String sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        long unit = ((Number) org.consortiumhub.hub.support.Hub.as(manager, STAFF_PASSWORD)
                .body(java.util.Map.of("name", "Maps batch " + System.nanoTime(), "identifier", "ark:/1/" + System.nanoTime(),
                        "targetCopies", 1, "fixityIntervalDays", 90))
                .post("/api/v1/preservation/units").then().statusCode(201).extract().path("id")).longValue();
        org.consortiumhub.hub.support.Hub.as(staff, STAFF_PASSWORD)
                .body(java.util.Map.of("digestAlgorithm", "SHA-256", "digestValue", sha256, "location", "s3://maps/1"))
                .put("/api/v1/preservation/units/{u}/copies/{m}", unit, member).then().statusCode(200);
        ConsoleBrowser staffConsole = ConsoleBrowser.login(staff, STAFF_PASSWORD);
        staffConsole.page().get("/console/preservation").then().statusCode(200)
                .body(containsString("action=\"/console/preservation/units/" + unit + "/fixity\""));
        staffConsole.form().formParam("outcome", "OK").formParam("digestValue", "a".repeat(64))
                .post("/console/preservation/units/{u}/fixity", unit).then().statusCode(303);
        // The digest did not match the recorded one: the hub counts it as a mismatch whatever the staff chose.
        org.consortiumhub.hub.support.Hub.as(manager, STAFF_PASSWORD).get("/api/v1/preservation/units/{u}", unit).then()
                .statusCode(200).body("copies[0].lastOutcome", equalTo("MISMATCH"));
        staffConsole.form().formParam("outcome", "FINE").post("/console/preservation/units/{u}/fixity", unit).then()
                .statusCode(400).body(containsString("choose one of OK, MISMATCH, MISSING, ERROR"));
        staffConsole.form().formParam("name", "Not mine").formParam("targetCopies", "1")
                .post("/console/preservation/programs").then().statusCode(403);
    }
}
