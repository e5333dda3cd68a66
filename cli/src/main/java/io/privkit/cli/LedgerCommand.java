package io.privkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.ledger.BudgetExceededException;
import io.privkit.dp.ledger.LedgerConfig;
import io.privkit.dp.ledger.LedgerEntry;
import io.privkit.dp.ledger.LedgerLocation;
import io.privkit.dp.ledger.LedgerStatus;
import io.privkit.dp.ledger.LedgerVerification;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.evidence.json.CanonicalJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code privkit ledger}: create, inspect, verify and spend from a durable privacy-budget ledger
 * (an SQLite file, or PostgreSQL by JDBC URL). A refused spend exits with code 3.
 */
@Command(name = "ledger", header = "Create, inspect, verify and spend from a privacy-budget ledger (SQLite file or PostgreSQL).",
        description = {
            "",
            "The ledger records every spend before its noisy result is released,",
            "refuses spends beyond the budget (exit 3), and hash-chains its entries",
            "so that 'privkit ledger verify' detects edits. --ledger takes a file path",
            "(SQLite) or a jdbc:postgresql:// URL; it defaults to $PRIVKIT_LEDGER.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {
            LedgerCommand.Create.class,
            LedgerCommand.Status.class,
            LedgerCommand.History.class,
            LedgerCommand.Verify.class,
            LedgerCommand.Spend.class
        })
public final class LedgerCommand implements Runnable {
    @Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --ledger option. */
    static final class LedgerOption {
        @Option(names = "--ledger", paramLabel = "PATH|JDBC-URL", defaultValue = "${env:PRIVKIT_LEDGER}",
                description = "The ledger: an SQLite file path or a jdbc:postgresql:// URL (default: $PRIVKIT_LEDGER).")
        String ledger;

        LedgerLocation location() {
            if (ledger == null || ledger.isBlank()) {
                throw new CliException(ExitCode.BAD_INPUT, "--ledger must be given; got nothing. Give a file path such as "
                        + "budget.db or a jdbc:postgresql:// URL, or set PRIVKIT_LEDGER.");
            }
            return LedgerLocation.parse(ledger);
        }
    }

    private static void print(PrintWriter out, ObjectNode root) {
        out.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode statusJson(LedgerStatus s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ledgerId", s.ledgerId());
        o.put("name", s.name());
        o.put("location", s.location());
        o.put("budgetEpsilon", s.budgetEpsilon());
        o.put("budgetDelta", s.budgetDelta());
        o.put("spentEpsilon", s.spentEpsilon());
        o.put("remainingEpsilon", s.remainingEpsilon());
        o.put("entries", s.entries());
        o.put("compositionTheorem", s.compositionTheorem());
        o.put("headHash", s.headHash());
        return o;
    }

    private static void printStatus(PrintWriter out, LedgerStatus s) {
        out.println("ledger \"" + s.name() + "\" (" + s.ledgerId() + ") at " + s.location());
        out.println("  budget:    epsilon " + EventOptions.fmt(s.budgetEpsilon()) + " at delta " + s.budgetDelta());
        out.println("  spent:     epsilon " + EventOptions.fmt(s.spentEpsilon()) + " in " + s.entries() + " spends");
        out.println("  remaining: epsilon " + EventOptions.fmt(s.remainingEpsilon()));
        out.println("  head:      " + s.headHash());
        out.flush();
    }

    /** {@code privkit ledger create}. */
    @Command(name = "create", header = "Create a new, empty ledger with a budget.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Created.", "2:Invalid budget, or a ledger already exists there.", "4:The database cannot be written."})
    static final class Create implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        LedgerOption ledger;

        @Option(names = "--epsilon", paramLabel = "E", required = true, description = "The total epsilon budget.")
        double epsilon;

        @Option(names = "--delta", paramLabel = "D", required = true, description = "The total delta budget, e.g. 1e-6.")
        double delta;

        @Option(names = "--name", paramLabel = "NAME", description = "A name for the budget (default: the file name).")
        String name;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LedgerLocation location = ledger.location();
            String n = name != null ? name : location.kind() == LedgerLocation.Kind.SQLITE
                    ? Path.of(location.url().substring("jdbc:sqlite:".length())).getFileName().toString().replaceFirst("\\.db$", "")
                    : "privacy-budget";
            LedgerConfig config = LedgerConfig.builder().name(n).epsilon(epsilon).delta(delta).build();
            try (PrivacyLedger l = PrivacyLedger.create(location, config)) {
                LedgerStatus s = l.status();
                PrintWriter out = spec.commandLine().getOut();
                if (output.json()) {
                    print(out, statusJson(s));
                } else {
                    out.println("created ledger \"" + n + "\" with a budget of epsilon " + EventOptions.fmt(epsilon) + " at delta " + delta);
                    printStatus(out, s);
                }
            } catch (IllegalStateException e) {
                throw new CliException(ExitCode.BAD_INPUT, e.getMessage());
            }
            return ExitCode.OK.code();
        }
    }

    /** {@code privkit ledger status}. */
    @Command(name = "status", header = "Show the budget, what has been spent and what remains.")
    static final class Status implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        LedgerOption ledger;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (PrivacyLedger l = PrivacyLedger.open(ledger.location())) {
                LedgerStatus s = l.status();
                if (output.json()) {
                    print(spec.commandLine().getOut(), statusJson(s));
                } else {
                    printStatus(spec.commandLine().getOut(), s);
                }
            }
            return ExitCode.OK.code();
        }
    }

    /** {@code privkit ledger history}. */
    @Command(name = "history", header = "List every spend with its event and the epsilon spent after it.")
    static final class History implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        LedgerOption ledger;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (PrivacyLedger l = PrivacyLedger.open(ledger.location())) {
                List<LedgerEntry> entries = l.history();
                PrintWriter out = spec.commandLine().getOut();
                if (output.json()) {
                    ObjectNode root = JsonNodeFactory.instance.objectNode();
                    root.set("status", statusJson(l.status()));
                    ArrayNode arr = root.putArray("entries");
                    for (LedgerEntry e : entries) {
                        ObjectNode o = arr.addObject();
                        o.put("seq", e.seq());
                        o.put("createdAt", e.createdAt().toString());
                        o.put("label", e.label());
                        o.set("dpEvent", CanonicalJson.mapper().valueToTree(e.event().describe()));
                        o.put("epsilonAlone", e.cost().epsilonAlone(l.config().delta()));
                        o.put("spentBefore", e.spentBefore());
                        o.put("spentAfter", e.spentAfter());
                        o.put("entryHash", e.entryHash());
                    }
                    print(out, root);
                } else {
                    if (entries.isEmpty()) {
                        out.println("no spends yet");
                    }
                    for (LedgerEntry e : entries) {
                        out.println(e.seq() + "  " + e.createdAt() + "  spent after: epsilon " + EventOptions.fmt(e.spentAfter())
                                + "  " + e.label() + "  [" + e.event().describe().kind() + "]");
                    }
                    out.flush();
                }
            }
            return ExitCode.OK.code();
        }
    }

    /** {@code privkit ledger verify}. */
    @Command(name = "verify", header = "Check the hash chain, re-account every stored event and recompute every total.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Intact.", "1:The ledger was edited or is inconsistent (problems on standard error).",
                "2:No ledger there.", "4:The database cannot be read."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        LedgerOption ledger;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (PrivacyLedger l = PrivacyLedger.open(ledger.location())) {
                LedgerVerification v = l.verify();
                PrintWriter out = spec.commandLine().getOut();
                PrintWriter err = spec.commandLine().getErr();
                for (String p : v.problems()) {
                    err.println("privkit: " + l.location() + ": " + p);
                }
                err.flush();
                if (output.json()) {
                    ObjectNode root = JsonNodeFactory.instance.objectNode();
                    root.put("intact", v.intact());
                    root.put("entriesChecked", v.entriesChecked());
                    ArrayNode problems = root.putArray("problems");
                    v.problems().forEach(problems::add);
                    print(out, root);
                } else if (v.intact()) {
                    out.println("intact: " + v.entriesChecked() + " entries, every hash and total recomputed");
                    out.flush();
                }
                return v.intact() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
            }
        }
    }

    /** {@code privkit ledger spend}. */
    @Command(name = "spend", sortOptions = false,
            header = "Record a spend (e.g. a training job's whole run) before running it; exit 3 if the budget refuses it.",
            description = {"", "Example:", "  privkit ledger spend --ledger budget.db --label \"train v3\" \\",
                "      --noise-multiplier 1.1 --sampling-rate 0.01 --steps 10000", ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Recorded.", "2:Invalid options or no ledger there.", "3:Refused: the budget would be exceeded; nothing recorded.",
                "4:The database cannot be written."})
    static final class Spend implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        LedgerOption ledger;

        @Option(names = "--label", paramLabel = "TEXT", required = true, description = "What the spend is for.")
        String label;

        @Mixin
        EventOptions event;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<String> problems = new ArrayList<>(event.problems());
            Double scale = event.givenScale();
            if (scale == null) {
                problems.add("--noise-multiplier (or --scale) must be given; got neither. Example: --noise-multiplier 1.1");
            }
            if (!problems.isEmpty()) {
                throw new CliException(ExitCode.BAD_INPUT, problems);
            }
            DpEvent e = event.event(scale);
            try (PrivacyLedger l = PrivacyLedger.open(ledger.location())) {
                LedgerEntry entry;
                try {
                    entry = l.reserve(label, e);
                } catch (BudgetExceededException refused) {
                    throw refused;
                } catch (IllegalStateException broken) {
                    throw new CliException(ExitCode.CHECK_FAILED, broken.getMessage());
                }
                PrintWriter out = spec.commandLine().getOut();
                if (output.json()) {
                    ObjectNode root = statusJson(l.status());
                    root.put("seq", entry.seq());
                    root.put("entryHash", entry.entryHash());
                    root.put("epsilonAlone", entry.cost().epsilonAlone(l.config().delta()));
                    print(out, root);
                } else {
                    out.println("recorded spend " + entry.seq() + " \"" + label + "\" (" + event.describe(scale) + "): spent epsilon "
                            + EventOptions.fmt(entry.spentBefore()) + " -> " + EventOptions.fmt(entry.spentAfter()) + " of "
                            + EventOptions.fmt(l.config().epsilon()));
                    out.flush();
                }
            }
            return ExitCode.OK.code();
        }
    }
}
