package com.hazardwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real browser of browser tests: the Debian {@code chromium} driven through the Debian {@code chromedriver}, both
 * named by path so that Selenium Manager never tries to download a browser or a driver (nothing is downloaded here).
 * Headless, 1920x1080. Needs {@code selenium-java} on the test classpath (test-support declares it optional).
 */
public final class Browsers {
    private Browsers() {}

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HW_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("HW_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /**
     * Only the classic WebDriver protocol is used, so no CDP bindings are on the classpath; Selenium would warn at every
     * start that it has none for this Chromium's version. Held here so the level stays set.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    /** A new headless Chromium; quit it when done. Fails, naming the packages to install, when either binary is missing. */
    public static ChromeDriver headlessChromium() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium; or set HW_CHROMIUM)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver; or set HW_CHROMEDRIVER)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Browser tests run in a real headless Chromium, and this is missing:\n  "
                    + String.join("\n  ", missing)
                    + "\nInstall both with:\n  sudo apt-get install chromium chromium-driver"
                    + "\n(bin/hazardwatch test installs them itself when run as root.)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1920,1080",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Saves what the browser shows as a PNG at {@code file} (directories created) and returns the file. */
    public static Path screenshot(WebDriver driver, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + file + ": " + e.getMessage(), e);
        }
    }
}
