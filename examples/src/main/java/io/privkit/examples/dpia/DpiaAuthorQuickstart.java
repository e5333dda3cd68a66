package io.privkit.examples.dpia;

import io.privkit.cli.PrivkitCommand;
import io.privkit.evidence.report.VerifyAppendix;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * DPIA author's quick start, the README's steps in order: (1) take the demo's signed bundle,
 * (2) read its HTML or PDF report, (3) paste its measures table into the DPIA, (4) hand the bundle
 * to a reviewer, who verifies it without Privkit using {@code sha256sum} and {@code openssl}.
 *
 * <p>Run with a folder to write the bundle to ({@code java ... DpiaAuthorQuickstart privkit-demo});
 * with no argument it uses a temporary folder. Step 4 runs only where {@code sh}, {@code openssl}
 * and {@code sha256sum} are installed.
 */
public final class DpiaAuthorQuickstart {
    private DpiaAuthorQuickstart() {
    }

    public static void main(String[] args) throws Exception {
        Path bundle = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("privkit-dpia").resolve("privkit-demo");
        System.exit(run(bundle, System.out));
    }

    /** Runs the four steps; returns 0 when the reviewer's check passed (or was not possible here), non-zero otherwise. */
    public static int run(Path bundle, PrintStream out) throws IOException, InterruptedException {
        // 1. ./privkit demo: a signed evidence bundle.
        int demo = privkit(out, "demo", "--out", bundle.toString());
        if (demo != 0) {
            return demo;
        }
        // 2. Read the report.
        out.println("Read: " + bundle.resolve("report.html") + " or " + bundle.resolve("report.pdf"));
        // 3. ./privkit report show privkit-demo --part measures: the table to paste into the DPIA.
        int show = privkit(out, "report", "show", bundle.toString(), "--part", "measures");
        if (show != 0) {
            return show;
        }
        // 4. The reviewer: the recipe of VERIFY.md, with sha256sum and openssl only.
        if (!onPath("sh") || !onPath("openssl") || !onPath("sha256sum")) {
            out.println("Reviewer's check skipped: sh, openssl and sha256sum are needed.");
            return 0;
        }
        Path script = Files.createTempFile("privkit-verify", ".sh");
        Files.writeString(script, VerifyAppendix.script());
        Process p = new ProcessBuilder("sh", script.toString()).directory(bundle.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Files.delete(script);
        out.print(text);
        return p.exitValue();
    }

    private static int privkit(PrintStream out, String... args) {
        StringWriter buf = new StringWriter();
        int code = PrivkitCommand.run(args, new PrintWriter(buf, true), new PrintWriter(System.err, true));
        out.print(buf);
        return code;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
