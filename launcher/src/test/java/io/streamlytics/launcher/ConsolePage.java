package io.streamlytics.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console in a real headless Chromium (Debian's chromium and chromedriver). */
final class ConsolePage implements AutoCloseable {
    private final ChromeDriver driver;
    private final String baseUrl;

    ConsolePage(String baseUrl, Path profileDir) throws Exception {
        this.baseUrl = baseUrl;
        Files.createDirectories(profileDir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build();
        this.driver = new ChromeDriver(service, options);
    }

    void signIn(String email, String password) {
        driver.get(baseUrl + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        WebElement user =
                wait.until(
                        d ->
                                first(
                                        d.findElements(
                                                By.cssSelector(
                                                        "vaadin-text-field[name='username'] input"))));
        user.sendKeys(email);
        WebElement password0 =
                driver.findElement(By.cssSelector("vaadin-password-field[name='password'] input"));
        password0.sendKeys(password, Keys.ENTER);
        // the Overview, where a sign-in lands
        wait.until(d -> !d.findElements(By.id("overview")).isEmpty());
    }

    boolean showsLoginError() {
        return !driver.findElements(By.cssSelector("vaadin-login-form[error]")).isEmpty()
                || !driver.findElements(By.cssSelector("vaadin-login-form-wrapper[error]"))
                        .isEmpty();
    }

    String currentPath() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits until something matches {@code css} (say, a chart's canvas once ECharts drew it). */
    void waitFor(String css, Duration timeout) throws Exception {
        waitUntil(timeout, () -> !driver.findElements(By.cssSelector(css)).isEmpty());
    }

    void click(String css) {
        click(driver.findElement(By.cssSelector(css)));
    }

    /** Scrolls the element to the middle of the window first: a fixed bar may cover its edge. */
    private void click(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Types into the input inside the Vaadin field {@code css}. */
    void type(String css, String text) {
        driver.findElement(By.cssSelector(css + " input")).sendKeys(text);
    }

    /** Opens the Vaadin select {@code css} and picks the item whose text is {@code item}. */
    void choose(String css, String item) throws Exception {
        click(css);
        waitUntil(
                Duration.ofSeconds(10),
                () ->
                        driver.findElements(By.cssSelector("vaadin-select-item")).stream()
                                .anyMatch(e -> e.getText().strip().equals(item)));
        driver.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(e -> e.getText().strip().equals(item))
                .findFirst()
                .orElseThrow()
                .click();
    }

    /** Replaces the text of the Vaadin field {@code css}. */
    void replace(String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    /** Clicks the checkbox labelled {@code label} inside {@code css} (a Vaadin checkbox group). */
    void check(String css, String label) {
        click(
                driver.findElements(By.cssSelector(css + " vaadin-checkbox")).stream()
                        .filter(e -> e.getText().strip().equals(label))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no checkbox " + label + " in " + css)));
    }

    String attribute(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getAttribute(name);
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    long eventsInPeriod() {
        return Long.parseLong(driver.findElement(By.id("events-30d")).getText().strip());
    }

    /** Text of every rendered cell of the latest-events grid. */
    List<String> latestEventCells() {
        return cells("#latest-events");
    }

    /**
     * Text of every rendered cell of the Vaadin grid {@code css}, also of cells scrolled out of the
     * grid's sight (which Selenium's getText gives as empty).
     */
    @SuppressWarnings("unchecked")
    List<String> cells(String css) {
        return (List<String>)
                driver.executeScript(
                        "return Array.from(document.querySelectorAll(arguments[0]))"
                                + ".map(e => e.textContent.trim())",
                        css + " vaadin-grid-cell-content");
    }

    /** Waits (the view refreshes itself every few seconds) until {@code condition} holds. */
    void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition)
            throws Exception {
        try {
            new WebDriverWait(driver, timeout).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            Path shot =
                    Path.of("target/screenshots/timeout-" + System.currentTimeMillis() + ".png");
            screenshot(shot);
            throw new AssertionError(
                    "timed out; the page is in "
                            + shot
                            + "; its grid cells: "
                            + cells("vaadin-grid"),
                    e);
        }
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static WebElement first(List<WebElement> elements) {
        return elements.isEmpty() ? null : elements.get(0);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
