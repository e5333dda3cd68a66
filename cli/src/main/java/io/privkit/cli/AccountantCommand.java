package io.privkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.dp.accounting.Calibration;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.PrivacyGuarantee;
import io.privkit.dp.accounting.PrivacyTarget;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.json.CanonicalJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code privkit accountant}: the privacy guarantee of a DP-SGD run or of repeated Gaussian or
 * Laplace releases, or the noise multiplier that meets a target epsilon. Option names are stable:
 * jobs script against them.
 */
@Command(name = "accountant", sortOptions = false,
        header = "Compute epsilon for DP-SGD or repeated noisy releases, or calibrate the noise multiplier to a target epsilon.",
        description = {
            "",
            "Examples:",
            "  privkit accountant --noise-multiplier 1.1 --sampling-rate 0.01 \\",
            "      --steps 10000 --delta 1e-5",
            "  privkit accountant --target-epsilon 3 --sampling-rate 0.01 \\",
            "      --steps 10000 --delta 1e-5 --json",
            "  privkit accountant --mechanism laplace --scale 10 --steps 5 --delta 1e-6",
            "",
            "Every figure is an upper bound (rounded up). The neighbouring relation",
            "is add-or-remove-one record.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Computed.", "2:An option is missing or invalid, or the target epsilon is unreachable."})
public final class AccountantCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    /** The accountant. */
    public enum Accountant {
        /** Privacy loss distributions: tight (default). */
        PLD,
        /** Renyi DP: fast, looser. */
        RDP
    }

    @Mixin
    EventOptions event;

    @Option(names = "--delta", paramLabel = "D", required = true,
            description = "The delta at which epsilon is reported, e.g. 1e-5 (well below 1/n).")
    double delta;

    @Option(names = "--target-epsilon", paramLabel = "E",
            description = "Instead of a noise multiplier: find the smallest one whose epsilon is at most E.")
    Double targetEpsilon;

    @Option(names = "--accountant", paramLabel = "pld|rdp", defaultValue = "pld",
            description = "The accountant (default: ${DEFAULT-VALUE}).")
    Accountant accountant;

    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>(event.problems());
        if (!(delta >= 0 && delta < 1)) {
            problems.add("--delta must be in [0, 1); got " + delta + ". Give a delta well below 1/n, e.g. 1e-5.");
        }
        Double scale = event.givenScale();
        if (targetEpsilon != null && scale != null) {
            problems.add("--target-epsilon must not be given with --noise-multiplier or --scale; got both. Give one: the "
                    + "target to calibrate for, or the noise to account for.");
        }
        if (targetEpsilon == null && scale == null) {
            problems.add("--noise-multiplier (or --scale) must be given, or --target-epsilon; got neither. Example: "
                    + "--noise-multiplier 1.1 --sampling-rate 0.01 --steps 10000 --delta 1e-5");
        }
        if (targetEpsilon != null && !(targetEpsilon > 0 && Double.isFinite(targetEpsilon))) {
            problems.add("--target-epsilon must be a finite number > 0; got " + targetEpsilon + ". E.g. 3.");
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.BAD_INPUT, problems);
        }
        PrivacyAccountant acc = accountant == Accountant.PLD ? PrivacyAccountant.pld() : PrivacyAccountant.rdp();
        PrintWriter out = spec.commandLine().getOut();
        double z;
        Double calibrated = null;
        if (targetEpsilon != null) {
            Calibration.Result r = Calibration.noiseMultiplier(acc, event::event, PrivacyTarget.epsilon(targetEpsilon).atDelta(delta));
            z = r.value();
            calibrated = z;
        } else {
            z = scale;
        }
        DpEvent e = event.event(z);
        PrivacyGuarantee g = acc.account(e);
        double eps = g.epsilon(delta);
        if (output.json()) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("epsilon", eps);
            root.put("delta", delta);
            if (calibrated != null) {
                root.put("noiseMultiplier", calibrated);
                root.put("targetEpsilon", targetEpsilon);
            } else {
                root.put(event.mechanism == EventOptions.Mechanism.GAUSSIAN ? "noiseMultiplier" : "scale", z);
            }
            root.put("mechanism", event.mechanism.name().toLowerCase(java.util.Locale.ROOT));
            root.put("samplingRate", event.samplingRate);
            root.put("steps", event.steps);
            root.put("accountant", accountant.name().toLowerCase(java.util.Locale.ROOT));
            root.put("neighbouringRelation", "add-remove");
            ArrayNode profile = root.putArray("privacyProfile");
            for (PrivacyBudgetEvidence.ProfilePoint p : g.profile()) {
                ObjectNode o = profile.addObject();
                o.put("delta", p.delta());
                o.put("epsilon", p.epsilon());
            }
            g.gaussianDp().ifPresent(gdp -> {
                ObjectNode o = root.putObject("gaussianDp");
                o.put("mu", gdp.mu());
                o.put("fitError", gdp.fitError());
            });
            ObjectNode attacks = root.putObject("attackBounds");
            ArrayNode tpr = attacks.putArray("maxTprAtFpr");
            for (double fpr : PrivacyGuarantee.STANDARD_FALSE_POSITIVE_RATES) {
                ObjectNode o = tpr.addObject();
                o.put("fpr", fpr);
                o.put("maxTpr", g.maxTruePositiveRate(fpr));
            }
            attacks.put("maxAdvantage", g.maxAdvantage());
            root.set("dpEvent", CanonicalJson.mapper().valueToTree(e.describe()));
            out.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
        } else {
            String what = accountant + " accountant, add-or-remove-one; " + event.describe(z);
            if (calibrated != null) {
                out.println("noiseMultiplier = " + EventOptions.plain(calibrated) + " (smallest with epsilon <= "
                        + EventOptions.plain(targetEpsilon) + " at delta = " + delta + ")");
            }
            out.println("epsilon = " + EventOptions.fmt(eps) + " at delta = " + delta + " (" + what + ")");
            out.println(g.attackStatement("record"));
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
