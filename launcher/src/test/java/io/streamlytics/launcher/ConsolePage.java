package io.streamlytics.launcher;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.streamlytics.launcher.browser.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The console in Debian's headless Chromium, driven by Playwright ({@link HeadlessChromium}). One
 * browser per test run; each page has a context of its own, so its own session.
 */
final class ConsolePage implements AutoCloseable {
    private static HeadlessChromium chromium;

    private final BrowserContext context;
    private final Page page;
    private final String baseUrl;

    ConsolePage(String baseUrl) throws Exception {
        this.baseUrl = baseUrl;
        this.context = chromium().newContext();
        this.page = context.newPage();
    }

    /** The one browser of this test JVM, closed when the JVM ends. */
    private static synchronized HeadlessChromium chromium() throws Exception {
        if (chromium == null) {
            chromium = HeadlessChromium.start(Path.of("..").toAbsolutePath().normalize());
            HeadlessChromium started = chromium;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return chromium;
    }

    String baseUrl() {
        return baseUrl;
    }

    void signIn(String email, String password) {
        HeadlessChromium.signIn(page, baseUrl, email, password);
    }

    boolean showsLoginError() {
        return page.locator("vaadin-login-form[error], vaadin-login-form-wrapper[error]").count()
                > 0;
    }

    String currentPath() {
        return java.net.URI.create(page.url()).getPath();
    }

    void open(String path) {
        page.navigate(baseUrl + path);
    }

    /** Waits until something matches {@code css} (say, a chart's canvas once ECharts drew it). */
    void waitFor(String css, Duration timeout) throws Exception {
        waitUntil(timeout, () -> page.locator(css).count() > 0);
    }

    /** Clicks the first match; Playwright scrolls it into view and waits until it takes clicks. */
    void click(String css) {
        page.locator(css).first().click();
    }

    /** Types into the input inside the Vaadin field {@code css}, after what it holds. */
    void type(String css, String text) {
        page.locator(css + " input").first().pressSequentially(text);
    }

    /** Opens the Vaadin select {@code css} and picks the item whose text is {@code item}. */
    void choose(String css, String item) {
        click(css);
        page.locator("vaadin-select-item")
                .filter(new Locator.FilterOptions().setHasText(item))
                .and(page.locator("vaadin-select-item:visible"))
                .first()
                .click();
    }

    /** Replaces the text of the Vaadin field {@code css}. */
    void replace(String css, String text) {
        page.locator(css + " input").first().fill(text);
    }

    /** Clicks the checkbox labelled {@code label} inside {@code css} (a Vaadin checkbox group). */
    void check(String css, String label) {
        page.locator(css + " vaadin-checkbox")
                .filter(new Locator.FilterOptions().setHasText(label))
                .first()
                .click();
    }

    /** The attribute {@code name} of every match of {@code css}, in page order. */
    List<String> attributes(String css, String name) {
        return page.locator(css).all().stream().map(l -> l.getAttribute(name)).toList();
    }

    /**
     * Drags the {@code from}-th match of {@code css} onto the {@code to}-th (HTML drag and drop).
     */
    void drag(String css, int from, int to) {
        page.locator(css).nth(from).dragTo(page.locator(css).nth(to));
    }

    String attribute(String css, String name) {
        return page.locator(css).first().getAttribute(name);
    }

    String text(String css) {
        return page.locator(css).first().innerText();
    }

    int count(String css) {
        return page.locator(css).count();
    }

    long eventsInPeriod() {
        return Long.parseLong(text("#events-30d").strip());
    }

    /** Text of every rendered cell of the latest-events grid. */
    List<String> latestEventCells() {
        return cells("#latest-events");
    }

    /** Text of every rendered cell of the Vaadin grid {@code css}, also of cells scrolled away. */
    List<String> cells(String css) {
        return page.locator(css + " vaadin-grid-cell-content").allTextContents().stream()
                .map(String::strip)
                .toList();
    }

    /**
     * Fetches {@code url} (relative to the console) with this page's session cookie, as a click on
     * a download link would.
     */
    APIResponse fetch(String url) {
        return context.request().get(java.net.URI.create(baseUrl).resolve(url).toString());
    }

    /** Waits (the views refresh themselves every few seconds) until {@code condition} holds. */
    void waitUntil(Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (PlaywrightException | NumberFormatException notYet) {
                // the page is between two renders: ask again
            }
            if (System.nanoTime() > deadline) {
                Path shot =
                        Path.of(
                                "target/screenshots/timeout-"
                                        + System.currentTimeMillis()
                                        + ".png");
                screenshot(shot);
                throw new AssertionError(
                        "timed out; the page is in "
                                + shot
                                + "; its grid cells: "
                                + cells("vaadin-grid"));
            }
            Thread.sleep(100);
        }
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
    }

    @Override
    public void close() {
        context.close();
    }
}
