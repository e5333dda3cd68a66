package io.privkit.evidence.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external programs in tests. */
public final class Shell {
    private Shell() {
    }

    /** Exit code and merged output. */
    public record Result(int exit, String output) {
    }

    /** Whether a program is on the PATH. */
    public static boolean has(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command in a folder, with a two-minute limit. */
    public static Result run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, List.of(command));
    }

    /** Runs a command in a folder, with a two-minute limit. */
    public static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
