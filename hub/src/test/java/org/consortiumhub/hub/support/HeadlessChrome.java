package org.consortiumhub.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's Chromium, headless, driven through its chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver} packages; {@code hub.test.chromium} and {@code hub.test.chromedriver} point elsewhere).
 * A missing browser fails the test: the console's browser tests are part of the suite, not optional.
 */
public final class HeadlessChrome {

    /** Where the console's screenshots are saved, for people to look at after a run. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private HeadlessChrome() {
    }

    public static WebDriver start() {
        Path chromium = Path.of(System.getProperty("hub.test.chromium", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("hub.test.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            throw new IllegalStateException("the console's browser tests need Chromium and its driver at " + chromium + " and "
                    + driver + " (Debian: apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    public static Path screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
