package io.privkit.examples.mlops;

import io.privkit.cli.PrivkitCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The README's federated quick start, as separate processes on one machine: a coordinator and three
 * sites talking gRPC with mutual TLS, a progress line per round, the coordinator killed with
 * {@code kill -9} and started again with the same command (it resumes from its checkpoint), and the
 * federated-training evidence record at the end. Each {@code privkit} process below is what
 * {@code ./privkit ...} runs.
 *
 * <pre>
 *   privkit federated init --out fed --clients site-1,site-2,site-3
 *   privkit federated example-data --out fed-data --sites 3
 *   privkit federated serve --pki fed/coordinator --features 10 --classes 4 --rounds 20 --port 50051 \
 *       --checkpoint fed/coordinator.db --evidence fed/evidence.json --holdout fed-data/holdout.csv &amp;
 *   privkit federated join --pki fed/clients/site-1 --coordinator localhost:50051 --data fed-data/site-1.csv \
 *       --features 10 --classes 4 &amp;      (and site-2, site-3)
 *   kill -9 %1 ; privkit federated serve ...same options...     (resumes where it stopped)
 *   privkit evidence show fed/evidence.json
 * </pre>
 *
 * <p>Run with a work folder ({@code java ... FederatedQuickstart /tmp/fed-demo}); without one it
 * uses a temporary folder.
 */
public final class FederatedQuickstart {
    private FederatedQuickstart() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("privkit-federated");
        System.exit(run(dir, 20, System.out));
    }

    /**
     * Runs the quick start in {@code dir}; returns 0 when the run finished after a coordinator
     * restart and the evidence record is valid.
     */
    public static int run(Path dir, int rounds, PrintStream out) throws Exception {
        Path fed = dir.resolve("fed");
        Path data = dir.resolve("fed-data");
        int port = freePort();
        cli(out, "federated", "init", "--out", fed.toString(), "--clients", "site-1,site-2,site-3");
        cli(out, "federated", "example-data", "--out", data.toString(), "--sites", "3");
        List<String> serve = List.of("federated", "serve", "--pki", fed.resolve("coordinator").toString(), "--features", "10",
                "--classes", "4", "--rounds", Integer.toString(rounds), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--heartbeat", "1s", "--checkpoint", fed.resolve("coordinator.db").toString(),
                "--evidence", fed.resolve("evidence.json").toString(), "--holdout", data.resolve("holdout.csv").toString());
        Proc coordinator = Proc.start("coordinator", serve, out);
        List<Proc> sites = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sites.add(Proc.start("site-" + i, List.of("federated", "join", "--pki", fed.resolve("clients/site-" + i).toString(),
                    "--coordinator", "localhost:" + port, "--data", data.resolve("site-" + i + ".csv").toString(),
                    "--features", "10", "--classes", "4"), out));
        }
        try {
            coordinator.await("round 2/" + rounds + " completed", 180);
            out.println("== kill -9 the coordinator (pid " + coordinator.pid() + ") in the middle of a round, then start it again");
            coordinator.kill9();
            coordinator = Proc.start("coordinator", serve, out);
            coordinator.await("resuming at round", 120);
            coordinator.await("done: ", 300);
            if (coordinator.waitFor(60) != 0) {
                return 1;
            }
            for (Proc s : sites) {
                if (s.waitFor(120) != 0) {
                    return 1;
                }
            }
        } finally {
            coordinator.destroy();
            for (Proc s : sites) {
                s.destroy();
            }
        }
        out.println("== the evidence record");
        return cli(out, "evidence", "validate", fed.resolve("evidence.json").toString()) == 0
                && cli(out, "evidence", "show", fed.resolve("evidence.json").toString()) == 0 ? 0 : 1;
    }

    private static int cli(PrintStream out, String... args) {
        out.println("$ privkit " + String.join(" ", args));
        PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
        int code = PrivkitCommand.run(args, w, w);
        w.flush();
        if (code != 0) {
            throw new IllegalStateException("privkit " + String.join(" ", args) + " exited with " + code);
        }
        return code;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A {@code privkit} process whose output lines are echoed with its name and can be awaited. */
    private static final class Proc {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Proc(Process process, String name, PrintStream out) {
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (out) {
                            out.println("[" + name + "] " + line);
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "quickstart-" + name);
            t.setDaemon(true);
            t.start();
        }

        static Proc start(String name, List<String> args, PrintStream out) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx256m");
            cmd.add("-cp");
            cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            cmd.add(PrivkitCommand.class.getName());
            cmd.addAll(args);
            synchronized (out) {
                out.println("$ privkit " + String.join(" ", args) + " &");
            }
            return new Proc(new ProcessBuilder(cmd).redirectErrorStream(true).start(), name, out);
        }

        long pid() {
            return process.pid();
        }

        void await(String fragment, long seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                String l = lines.poll(200, TimeUnit.MILLISECONDS);
                if (l != null && l.contains(fragment)) {
                    return;
                }
                if (l == null && !process.isAlive() && lines.isEmpty()) {
                    throw new IllegalStateException("the process exited (" + process.exitValue() + ") before printing '" + fragment + "'");
                }
            }
            throw new IllegalStateException("no line with '" + fragment + "' within " + seconds + " s");
        }

        void kill9() throws InterruptedException, IOException {
            new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            process.waitFor(10, TimeUnit.SECONDS);
        }

        int waitFor(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the process did not finish within " + seconds + " s");
            }
            return process.exitValue();
        }

        void destroy() {
            process.destroyForcibly();
        }
    }
}
