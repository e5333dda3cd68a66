package io.privkit.evidence.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.report.ReportBundle;
import io.privkit.evidence.report.SamplePolicy;
import io.privkit.evidence.sign.Ed25519Signer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report renders in real headless Chromium without console errors (its Content-Security-
 * Policy would log any attempt to load a script, font, image or style sheet), and a screenshot is
 * kept under {@code target/report-artifacts/} for people to look at. Skipped when Chromium is absent.
 */
class HtmlReportBrowserTest {
    static final Path ARTIFACTS = Path.of("target/report-artifacts");

    @TempDir
    Path tmp;

    @Test
    void html_allRecordTypes_rendersInChromium_noConsoleErrors_screenshotWritten() throws Exception {
        String chromium = Browser.binary().orElse(null);
        assumeTrue(chromium != null, "headless Chromium is not installed (Debian package 'chromium'; CI installs it)");
        Path bundle = tmp.resolve("bundle");
        ReportBundle.builder().records(SampleRecords.all()).policy(SamplePolicy.file()).signer(Ed25519Signer.generate(new SecureRandom()))
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(bundle);
        Path html = bundle.resolve(ReportBundle.HTML_PATH);
        Files.createDirectories(ARTIFACTS);
        Files.copy(html, ARTIFACTS.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Browser.Render r = Browser.screenshot(chromium, html, ARTIFACTS.resolve("report-screenshot.png"), tmp.resolve("profile"), 1100, 4200);
        assertEquals(0, r.exit(), r.log());
        assertEquals(java.util.List.of(), r.consoleMessages(), "console messages while rendering the report");
        assertTrue(Browser.isPng(r.screenshot()));
        BufferedImage img = ImageIO.read(r.screenshot().toFile());
        assertEquals(1100, img.getWidth());
        assertTrue(inkShare(img) > 0.02, "the page is not blank: " + inkShare(img));
    }

    /** The same harness catches a page that logs an error, so a clean run above means something. */
    @Test
    void harness_pageWithConsoleError_detected() throws Exception {
        String chromium = Browser.binary().orElse(null);
        assumeTrue(chromium != null, "headless Chromium is not installed");
        Path page = tmp.resolve("bad.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><p>x</p><script>console.error('broken report');</script></body></html>");
        Browser.Render r = Browser.screenshot(chromium, page, tmp.resolve("bad.png"), tmp.resolve("profile2"), 400, 300);
        assertFalse(r.consoleMessages().isEmpty(), r.log());
        assertTrue(r.consoleMessages().get(0).contains("broken report"), r.consoleMessages().toString());
    }

    @Test
    void html_selfContained_noExternalReferences() throws Exception {
        Path bundle = tmp.resolve("b");
        ReportBundle.builder().records(SampleRecords.all()).policy(SamplePolicy.file()).signer(Ed25519Signer.generate(new SecureRandom()))
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(bundle);
        String html = Files.readString(bundle.resolve(ReportBundle.HTML_PATH));
        assertFalse(html.contains("<script"), "no script");
        Matcher m = Pattern.compile("(src|href)=\"([^\"#][^\"]*)\"").matcher(html);
        assertFalse(m.find(), () -> "external reference: " + m.group());
        assertFalse(html.contains("@import") || html.contains("url("), "no CSS imports or urls");
        assertTrue(html.contains("default-src 'none'"));
        assertEquals(4, count(html, "<svg "), "budget, group rates, drift and rounds charts");
        assertTrue(count(html, "<caption>") >= 10);
        assertTrue(html.contains("scope=\"col\"") && html.contains("scope=\"row\""));
        assertTrue(html.contains("@media print"));
    }

    static int count(String s, String sub) {
        return s.split(Pattern.quote(sub), -1).length - 1;
    }

    static double inkShare(BufferedImage img) {
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int lum = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
                if (lum < 600) {
                    ink++;
                }
            }
        }
        return ink / (double) ((img.getWidth() / 2) * (img.getHeight() / 2));
    }
}
