package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.mosaiccrm.platform.testing.Folders;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver, for browser tests. Both are
 * named by path, so Selenium Manager never looks for (or downloads) a browser or a driver. A
 * developer's machine without them skips the browser tests, saying why; under CI
 * ({@code CI=true}, as {@code .ci/run} and hosted CI services set it) their absence fails the
 * tests instead, so that a CI run cannot pass without having run them. Screenshots land in
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Whether browser tests run here, and if not, whether that skips them or fails them. */
    enum Decision {
        RUN, SKIP, FAIL
    }

    record Availability(Decision decision, String reason) {
    }

    /**
     * What a browser test does on a machine with this environment, where {@code executable}
     * tells whether a path is an executable file: run when Chromium and chromedriver are both
     * there; otherwise fail under CI ({@code CI} is {@code true} or {@code 1}, as CI services set
     * it) and skip elsewhere.
     */
    static Availability availability(Map<String, String> env, Predicate<String> executable) {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(executable.negate()).toList();
        if (missing.isEmpty()) {
            return new Availability(Decision.RUN, null);
        }
        String ci = env.get("CI");
        boolean underCi = ci != null && (ci.trim().equalsIgnoreCase("true") || ci.trim().equals("1"));
        String reason = "Chromium and chromedriver are needed for the browser tests, and " + String.join(" and ", missing)
                + (missing.size() == 1 ? " is" : " are") + " missing"
                + " (apt-get install chromium chromium-driver)";
        return underCi
                ? new Availability(Decision.FAIL, reason + "; under CI (CI=" + ci + ") the browser tests must run, not skip")
                : new Availability(Decision.SKIP, reason + "; skipping the browser tests (they fail instead when CI=true)");
    }

    /**
     * Lets the calling test class go on when Chromium and its driver are installed; otherwise
     * skips it, saying why, or under CI fails it.
     */
    static void assumeAvailable() {
        Availability a = availability(System.getenv(), path -> new File(path).canExecute());
        switch (a.decision()) {
            case RUN -> {
            }
            case FAIL -> fail(a.reason());
            case SKIP -> {
                System.err.println(a.reason());
                assumeTrue(false, a.reason());
            }
        }
    }

    static Browser start() throws IOException {
        assumeAvailable();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile = Files.createTempDirectory("mosaic-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--lang=en-US", "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        // The page's console is kept, so that a wait that times out can say what the page said.
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1280, 900));
        return new Browser(driver, profile);
    }

    /**
     * Waits for a condition. The shell re-renders with lit-html, so an element found in one poll
     * may be replaced before it is read: a stale element just means "look again".
     */
    <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(200))
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new org.openqa.selenium.TimeoutException(e.getMessage() + "\n" + whatThePageShows(), e);
        }
    }

    /**
     * What the page showed when a wait gave up: its address, the start of its main text and its
     * console (a CI log has no screenshots to look at); the screenshot is saved all the same.
     */
    private String whatThePageShows() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("page: ").append(driver.getCurrentUrl());
            Object main = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "const m = document.querySelector('main') || document.body; return m ? m.innerText : ''");
            String text = String.valueOf(main).replaceAll("\\s+", " ").trim();
            out.append("\nmain text: ").append(text.length() > 600 ? text.substring(0, 600) + " ..." : text);
            for (var entry : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
                out.append("\nconsole ").append(entry.getLevel()).append(": ").append(entry.getMessage());
            }
            screenshot("timeout-" + System.currentTimeMillis());
        } catch (RuntimeException | IOException again) {
            out.append("\n(the page could not be read: ").append(again).append(')');
        }
        return out.toString();
    }

    WebElement find(String css) {
        return await(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Clicks the first visible match, finding it again if a re-render replaced it in between. */
    void click(String css) {
        await(d -> {
            find(css).click();
            return true;
        });
    }

    /** The text of the first visible match, read again if a re-render replaced it in between. */
    String text(String css) {
        return await(d -> find(css).getText());
    }

    boolean exists(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Waits until the first match of {@code css} shows a text containing {@code expected}. */
    void awaitText(String css, String expected) {
        await(d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(expected);
        });
    }

    /**
     * Replaces the value of a text input the way a user does (select all, type), so the page
     * sees input events; finds the input again if a re-render replaced it in between.
     */
    void type(String css, String text) {
        await(d -> {
            WebElement input = find(css);
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            input.sendKeys(text);
            return true;
        });
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes each of the resources that was opened (nulls are skipped), all of them even when one fails. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try {
                Folders.deleteTree(profile);
            } catch (IOException e) {
                // A browser process still shutting down may be writing into it; a stale profile in
                // the temporary folder must not fail the test that used it.
                System.err.println("Browser profile " + profile + " left behind: " + e);
            }
        }
    }
}
