package org.consortiumhub.hub.support;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;

/** What every console test in a browser needs: one headless Chromium per class, and logging in as someone. */
public abstract class BrowserTest {

    protected static WebDriver browser;

    @TestHTTPResource("/")
    protected URL hub;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChrome.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /** Logs in through the login form, as a fresh visitor. */
    protected void login(String username, String password) {
        browser.manage().deleteAllCookies();
        browser.get(hub + "console/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".who")));
    }

    protected static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }
}
