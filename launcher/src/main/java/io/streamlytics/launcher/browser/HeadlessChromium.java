package io.streamlytics.launcher.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.streamlytics.devstack.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright. Playwright's Java API talks to its driver,
 * npm's {@code playwright-core} ({@code launcher/src/main/browser}, installed with {@code npm ci}
 * on first use) run by the system's node; no browser is downloaded (STACK.md: {@code npx playwright
 * install} fails here, and Debian's chromium is the one the console is tested with).
 */
public final class HeadlessChromium implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts Chromium; {@code root} is the repository's root directory. */
    public static HeadlessChromium start(Path root) throws IOException {
        Path packageDir = root.resolve("launcher/src/main/browser").toAbsolutePath().normalize();
        Path driver = driverDir(packageDir);
        // read by Playwright.create: the driver is <dir>/package/cli.js, run by
        // PLAYWRIGHT_NODEJS_PATH
        System.setProperty("playwright.cli.dir", driver.toString());
        Playwright playwright =
                Playwright.create(
                        new Playwright.CreateOptions()
                                .setEnv(
                                        Map.of(
                                                "PLAYWRIGHT_NODEJS_PATH",
                                                Executables.require("node", "nodejs").toString())));
        try {
            Browser browser =
                    playwright
                            .chromium()
                            .launch(
                                    new BrowserType.LaunchOptions()
                                            .setExecutablePath(
                                                    Executables.require("chromium", "chromium"))
                                            .setHeadless(true)
                                            .setArgs(
                                                    List.of(
                                                            "--no-sandbox",
                                                            "--disable-gpu",
                                                            "--disable-quic",
                                                            "--no-first-run",
                                                            "--disable-background-networking",
                                                            "--disable-component-update",
                                                            "--disable-sync",
                                                            "--disable-dev-shm-usage")));
            return new HeadlessChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh context (its own cookies, so its own console session) with a 1400×1000 window. */
    public BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
    }

    /**
     * Signs in on the console's login form at {@code consoleUrl}; returns once the Overview, where
     * a sign-in lands, is there (Playwright's TimeoutError after 30 s otherwise).
     */
    public static void signIn(Page page, String consoleUrl, String email, String password) {
        page.navigate(consoleUrl + "/");
        page.locator("vaadin-text-field[name='username'] input").fill(email);
        Locator secret = page.locator("vaadin-password-field[name='password'] input");
        secret.fill(password);
        secret.press("Enter");
        page.locator("#overview").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    /**
     * Installs playwright-core when it is missing and returns a directory whose {@code package} is
     * it, the layout Playwright's preinstalled-driver mode expects.
     */
    private static Path driverDir(Path packageDir) throws IOException {
        Path core = packageDir.resolve("node_modules/playwright-core");
        if (!Files.isRegularFile(core.resolve("cli.js"))) {
            Executables.run(
                    packageDir,
                    List.of(
                            Executables.require("npm", "nodejs npm").toString(),
                            "ci",
                            "--no-audit",
                            "--no-fund"),
                    "installing Playwright's driver (playwright-core)");
        }
        Path driver = packageDir.resolve("node_modules/.playwright-driver");
        Path link = driver.resolve("package");
        if (!Files.exists(link)) {
            Files.createDirectories(driver);
            Files.createSymbolicLink(link, Path.of("..", "playwright-core"));
        }
        return driver;
    }
}
