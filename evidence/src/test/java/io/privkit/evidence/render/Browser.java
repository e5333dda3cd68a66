package io.privkit.evidence.render;

import io.privkit.evidence.sign.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Headless Chromium (Debian's chromium package) for rendering tests. */
final class Browser {
    private Browser() {
    }

    /** The chromium binary, if installed. */
    static Optional<String> binary() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            if (Shell.has(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** What a headless run produced. */
    record Render(int exit, String log, List<String> consoleMessages, Path screenshot) {
    }

    /** Loads a file, writes a screenshot, and collects the console messages Chromium logs. */
    static Render screenshot(String chromium, Path html, Path png, Path profile, int width, int height) throws Exception {
        Files.createDirectories(png.getParent());
        List<String> cmd = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), html.toUri().toString());
        Shell.Result r = Shell.run(html.getParent(), cmd);
        List<String> console = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.contains("CONSOLE") || line.contains("Refused to") || line.contains("Uncaught")) {
                console.add(line);
            }
        }
        return new Render(r.exit(), r.output(), console, png);
    }

    static boolean isPng(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return b.length > 8 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }
}
