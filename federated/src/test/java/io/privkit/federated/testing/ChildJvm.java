package io.privkit.federated.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM on the test class path, whose output lines can be awaited; killable with SIGKILL. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (all) {
                        all.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "child-jvm-reader");
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM (stderr merged into stdout). */
    public static ChildJvm start(Class<?> mainClass, List<String> args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        return new ChildJvm(pb.start());
    }

    /** Waits for a line starting with {@code prefix}; returns the rest of it. */
    public String await(String prefix, long timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeoutSeconds + " s; output:\n" + output());
            }
            String l = lines.poll(left, TimeUnit.NANOSECONDS);
            if (l != null && l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
            if (l == null && !process.isAlive() && lines.isEmpty()) {
                throw new AssertionError("child exited with " + process.exitValue() + " before '" + prefix + "'; output:\n" + output());
            }
        }
    }

    /** Everything the child printed so far. */
    public String output() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Kills the child with SIGKILL (kill -9): no shutdown hook, no flush, no clean close. */
    public void kill9() throws InterruptedException, IOException {
        Process k = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
        k.waitFor(10, TimeUnit.SECONDS);
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits for the child to exit; returns its exit code. */
    public int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child still running after " + timeoutSeconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
