package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.support.Hub.ADMIN;
import static org.consortiumhub.hub.support.Hub.ADMIN_PASSWORD;
import static org.consortiumhub.hub.support.Hub.STAFF_PASSWORD;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.createUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.hub.catalog.CatalogIngestTest;
import org.consortiumhub.hub.support.BrowserTest;
import org.consortiumhub.hub.support.HeadlessChrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.junit.QuarkusTest;

/** The console in a real browser: logging in, searching with the keyboard, what pages show, what they refuse. */
@QuarkusTest
class ConsoleBrowserTest extends BrowserTest {


    @Test
    void staffLogInSearchWithTheKeyboardAndOpenAClusterWithItsHoldings() throws Exception {
        String lender = createMember();
        String borrower = createMember();
        CatalogIngestTest.post(createApiKey(lender), SharedData.bytes("marc/m4j_pride-and-prejudice-fixed.mrc"), "application/marc");
        String staff = createUser("ILL_STAFF", borrower);

        browser.manage().deleteAllCookies();
        browser.get(hub + "console/catalog?q=pride");
        assertTrue(browser.getCurrentUrl().contains("/console/login?next="), "the console asks for a login first");
        HeadlessChrome.screenshot(browser, "01-login");
        browser.findElement(By.id("username")).sendKeys(staff);
        browser.findElement(By.id("password")).sendKeys("wrong password", Keys.ENTER);
        assertTrue(browser.findElement(By.id("login-error")).getText().contains("not right"));
        browser.findElement(By.id("password")).sendKeys(STAFF_PASSWORD, Keys.ENTER);

        waiting().until(ExpectedConditions.urlContains("/console/catalog?q=pride"));
        assertTrue(browser.findElement(By.cssSelector(".total")).getText().contains("manifestations found"));
        HeadlessChrome.screenshot(browser, "02-catalog-search");

        // A new search through the form: htmx swaps only the results, and the address follows.
        var query = browser.findElement(By.id("q"));
        query.clear();
        query.sendKeys("pride prejudice", Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("prejudice"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".hit-title")));
        String firstTitle = browser.findElement(By.cssSelector(".hit-title")).getText();
        browser.findElement(By.cssSelector(".hit-title")).click();
        waiting().until(ExpectedConditions.urlContains("/console/catalog/clusters/"));
        assertEquals(firstTitle, browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.cssSelector("table.data")).getText().contains(lender));
        HeadlessChrome.screenshot(browser, "03-cluster");
    }

    @Test
    void aRecordTitleWithAScriptTagIsShownAsText() {
        String member = createMember();
        CatalogIngestTest.post(createApiKey(member), CatalogIngestTest.marcXml("xss-b1", org.consortiumhub.hub.ill.IllFixtures.newIsbn(),
                "&lt;script&gt;alert('owned')&lt;/script&gt;Quixotic zebras", "Cormen, Thomas", "2009", "1292 p."),
                "application/marcxml+xml");
        login(createUser("ILL_STAFF", member), STAFF_PASSWORD);
        browser.get(hub + "console/catalog?q=quixotic+zebras");
        String title = browser.findElement(By.cssSelector(".hit-title")).getText();
        assertEquals("<script>alert('owned')</script>Quixotic zebras", title);
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        browser.findElement(By.cssSelector(".hit-title")).click();
        waiting().until(ExpectedConditions.urlContains("/console/catalog/clusters/"));
        assertEquals("<script>alert('owned')</script>Quixotic zebras", browser.findElement(By.tagName("h1")).getText());
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void aFormPostedWithoutTheSessionsTokenIsRefused() {
        String member = createMember();
        login(ADMIN, ADMIN_PASSWORD);
        browser.get(hub + "console/admin/members/" + member);
        HeadlessChrome.screenshot(browser, "04-admin-member");
        // A form such as another site would submit: same fields, no token.
        ((JavascriptExecutor) browser).executeScript("""
                const f = document.createElement('form');
                f.method = 'post';
                f.action = '/console/admin/members/' + arguments[0] + '/api-keys';
                const label = document.createElement('input');
                label.name = 'label';
                label.value = 'forged';
                f.appendChild(label);
                document.body.appendChild(f);
                HTMLFormElement.prototype.submit.call(f);""", member);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "security token"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Forbidden"));
        browser.get(hub + "console/admin/members/" + member);
        assertFalse(browser.findElement(By.cssSelector("table.data")).getText().contains("forged"), "no key was issued");

        // The same form from the page itself works.
        browser.findElement(By.id("label")).sendKeys("sync server", Keys.ENTER);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-key")));
        assertTrue(browser.findElement(By.id("issued-key")).getText().startsWith("chk_"));
    }

    @Test
    void staffGetAForbiddenPageForAdminPages() {
        String member = createMember();
        login(createUser("ILL_STAFF", member), STAFF_PASSWORD);
        browser.get(hub + "console/admin/users");
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Forbidden"));
        assertTrue(browser.findElements(By.linkText("Users")).isEmpty(), "no admin links for staff");
    }

    @Test
    void screenshotsAreSaved() throws Exception {
        login(ADMIN, ADMIN_PASSWORD);
        browser.get(hub + "console");
        var file = HeadlessChrome.screenshot(browser, "00-home");
        assertTrue(Files.size(file) > 10_000, "a real page was captured");
        // Through the navigation (an htmx-boosted link), the alliance page draws its chart.
        browser.findElement(By.linkText("Alliance")).click();
        waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("canvas[data-chart]"), "data-drawn", "yes"));
        HeadlessChrome.screenshot(browser, "05-alliance");
    }


}
