package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.consortiumhub.hub.ill.IllFixtures;
import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.consortiumhub.hub.support.BrowserTest;
import org.consortiumhub.hub.support.HeadlessChrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The console's main story in a real browser: the borrower's staff find a book and request it, the lender's staff
 * find it in their lending queue, print the pull slip and ship it, the borrower marks it received, and both read the
 * same timeline. And a third library's staff cannot open it.
 */
@QuarkusTest
class ConsoleIllStoryTest extends BrowserTest {


    @Test
    void aLoanFromRequestToReceiptAsBothLibrariesStaffSeeIt() throws Exception {
        IllFixtures.Setup setup = IllFixtures.setup(Map.of());
        Library a = setup.borrower();
        Library b = setup.first();
        String title = RestAssured.given().auth().preemptive().basic(a.staff(), STAFF_PASSWORD)
                .get("/api/v1/catalog/clusters/{id}", setup.clusterId()).then().extract().path("title");

        // A's staff search, open the cluster and request a loan.
        login(a.staff(), STAFF_PASSWORD);
        browser.get(hub + "console/catalog");
        browser.findElement(By.id("q")).sendKeys(title, Keys.ENTER);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".hit-title")));
        browser.findElement(By.cssSelector(".hit-title")).click();
        waiting().until(ExpectedConditions.urlContains("/console/catalog/clusters/" + setup.clusterId()));
        browser.findElement(By.id("patronId")).sendKeys("P-20231");
        browser.findElement(By.id("patronName")).sendKeys("Ada Reader");
        HeadlessChrome.screenshot(browser, "10-request-form");
        browser.findElement(By.cssSelector(".request-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlMatches(".*/console/ill/requests/\\d+$"));
        String requestUrl = browser.getCurrentUrl();
        long requestId = Long.parseLong(requestUrl.substring(requestUrl.lastIndexOf('/') + 1));
        assertTrue(stateText().startsWith("SENT"), stateText());
        assertTrue(browser.findElement(By.cssSelector("dl.facts")).getText().contains(b.code()), "sent to the first lender");
        assertTrue(browser.findElement(By.xpath("//section[h2='Rota']")).getText().contains(setup.second().code()));

        // B's staff see it in their lending queue, print the pull slip and ship it.
        login(b.staff(), STAFF_PASSWORD);
        browser.findElement(By.linkText("Lending")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue"), "P-20231"));
        HeadlessChrome.screenshot(browser, "11-lending-queue");
        String slips = pdfText(b, "/console/ill/lending/pull-slips.pdf");
        assertTrue(slips.contains("ILL " + requestId), slips);
        assertTrue(slips.contains("PS3500 .T4 2020"), "the slip says where the book stands: " + slips);
        assertTrue(slips.contains(a.code()), "and where it goes: " + slips);
        browser.findElement(By.linkText(String.valueOf(requestId))).click();
        waiting().until(ExpectedConditions.urlContains("/console/ill/requests/" + requestId));
        act("ship", "shipped by courier");
        assertTrue(stateText().startsWith("SHIPPED"), stateText());

        // A marks it received.
        login(a.staff(), STAFF_PASSWORD);
        browser.get(requestUrl);
        act("received", null);
        assertTrue(stateText().startsWith("RECEIVED"), stateText());
        assertTrue(browser.findElement(By.cssSelector("dl.facts")).getText().contains("Due"), "a loan has a due date");
        HeadlessChrome.screenshot(browser, "12-request-received");

        // Both read the same timeline.
        String borrowerTimeline = browser.findElement(By.cssSelector(".timeline")).getText();
        login(b.staff(), STAFF_PASSWORD);
        browser.get(requestUrl);
        String lenderTimeline = browser.findElement(By.cssSelector(".timeline")).getText();
        assertEquals(borrowerTimeline, lenderTimeline);
        assertTrue(lenderTimeline.contains("ship") && lenderTimeline.contains("shipped by courier")
                && lenderTimeline.contains("received"), lenderTimeline);

        // A third library's staff are refused the request page.
        Library c = IllFixtures.library();
        login(c.staff(), STAFF_PASSWORD);
        browser.get(requestUrl);
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Forbidden"));
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("may not read ILL request " + requestId));
    }

    private void act(String action, String note) {
        if (note != null) {
            browser.findElement(By.id("note-" + action)).sendKeys(note);
        }
        browser.findElement(By.cssSelector("button[data-action='" + action + "']")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".timeline"), action));
    }

    private String stateText() {
        return browser.findElement(By.cssSelector("dl.facts .state")).getText();
    }

    private String pdfText(Library lib, String path) throws Exception {
        String session = browser.manage().getCookieNamed("hub_session").getValue();
        byte[] pdf = RestAssured.given().cookie("hub_session", session).get(path).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(extractor.getTextFromPage(p)).append('\n');
        }
        return text.toString();
    }


}
