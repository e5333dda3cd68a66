package io.privkit.evidence.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.json.JsonNumbers;
import io.privkit.evidence.measure.Measure;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.measure.Risk;
import io.privkit.evidence.report.AcceptancePolicy.Comparison;
import io.privkit.evidence.report.AcceptancePolicy.Criterion;
import io.privkit.evidence.report.AcceptancePolicy.MeasurePolicy;
import io.privkit.evidence.report.DpiaEvidenceBundle.CriterionResult;
import io.privkit.evidence.report.DpiaEvidenceBundle.Gate;
import io.privkit.evidence.report.DpiaEvidenceBundle.HumanField;
import io.privkit.evidence.report.DpiaEvidenceBundle.HumanSection;
import io.privkit.evidence.report.DpiaEvidenceBundle.KeyFigure;
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureRow;
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureStatus;
import io.privkit.evidence.report.DpiaEvidenceBundle.NotMeasured;
import io.privkit.evidence.report.DpiaEvidenceBundle.RiskRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Judges the records against a pre-registered policy and builds the measures table, the risk
 * links, the not-measured list, the gate and the empty human sections.
 *
 * <p><b>Verdicts with uncertainty.</b> For a figure with an interval [lo, hi] and a criterion
 * "at most t": pass when hi &lt;= t, fail when lo &gt; t, inconclusive otherwise; "at least t"
 * mirrors it. Without an interval the point value decides. An undefined figure is inconclusive,
 * never a pass. Several records of one measure: any fail fails, else any inconclusive, else pass.
 *
 * <p><b>Gate.</b> Any criterion failing fails the gate; otherwise any inconclusive criterion, a
 * policy not approved before the evidence, a policy outside its validity, or a policy with no
 * criterion at all makes it inconclusive; otherwise it passes. A required measure without evidence
 * fails.
 *
 * <p>Stateless and thread-safe.
 */
final class MeasuresTable {
    /** Exit codes of {@code privkit report gate}, also written into the gate. */
    static final int EXIT_PASS = 0;
    static final int EXIT_FAIL = 1;
    static final int EXIT_INCONCLUSIVE = 7;

    private MeasuresTable() {
    }

    record Result(List<MeasureRow> measures, List<RiskRow> risks, List<NotMeasured> notMeasured, Gate gate) {
    }

    /** What the integrity measure shows: built by the bundle writer. */
    record IntegrityFacts(String keyId, DpiaEvidenceBundle.KeyKind keyKind, String checkpointLine) {
    }

    static Result evaluate(List<EvidenceRecord> records, AcceptancePolicy policy, boolean preRegistered, boolean validAtBuild,
                           IntegrityFacts integrity) {
        MeasureCatalogue catalogue = MeasureCatalogue.current();
        List<MeasureRow> rows = new ArrayList<>();
        List<NotMeasured> notMeasured = new ArrayList<>();
        List<CriterionResult> results = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Measure m : catalogue.measures()) {
            List<EvidenceRecord> evidence = records.stream().filter(r -> r.header().measureIds().contains(m.id())).toList();
            MeasurePolicy mp = policy.measure(m.id()).orElse(null);
            List<KeyFigure> figures = new ArrayList<>();
            Set<String> limitations = new LinkedHashSet<>();
            List<CriterionResult> own = new ArrayList<>();
            if (m.id() == MeasureId.EVIDENCE_INTEGRITY) {
                rows.add(integrityRow(m, integrity));
                continue;
            }
            for (EvidenceRecord r : evidence) {
                figures.add(new KeyFigure(r.recordType().id() + " " + shortId(r.header().recordId()) + " (verdict "
                        + JsonNames.of(r.header().verdict()) + ")", r.headline()));
                limitations.addAll(r.header().limitations());
                r.header().claimsNotMade().forEach(c -> limitations.add("Not shown: " + c));
                if (r.header().usedInsecureRandomness()) {
                    limitations.add("Record " + shortId(r.header().recordId()) + " was computed with insecure seeded randomness "
                            + "(a test or replay): it gives no privacy protection.");
                }
            }
            if (evidence.isEmpty()) {
                boolean required = mp != null && mp.requirement() == AcceptancePolicy.Requirement.REQUIRED;
                String expected = m.recordTypes().isEmpty() ? "the bundle's integrity data"
                        : "a " + String.join(" or ", m.recordTypes()) + " record";
                notMeasured.add(new NotMeasured(m.id(), expected, required
                        ? "No record in this bundle; the acceptance policy requires this measure, so the gate fails."
                        : "No record in this bundle." + (mp == null ? " The acceptance policy does not cover this measure." : "")));
                if (required) {
                    CriterionResult c = new CriterionResult(m.id().id() + ":evidence-present", m.id(), Verdict.FAIL, "no record",
                            "at least one " + String.join(" or ", m.recordTypes()) + " record", "required evidence is missing");
                    own.add(c);
                }
                results.addAll(own);
                rows.add(new MeasureRow(m.id(), m.title(), MeasureStatus.NOT_MEASURED, m.riskIds(), m.crosswalk(), List.of(),
                        List.of(), "No evidence in this bundle supports the measure '" + m.title()
                        + "'. This is a gap in the evidence, not a pass.", List.of()));
                continue;
            }
            if (mp != null) {
                for (Criterion c : mp.criteria()) {
                    CriterionResult cr = judge(c, m.id(), evidence);
                    own.add(cr);
                    figures.add(new KeyFigure(c.id() + " (" + c.metric().label() + ")", cr.observed() + " vs " + cr.threshold()
                            + ": " + JsonNames.of(cr.verdict())));
                }
            }
            results.addAll(own);
            MeasureStatus status = own.isEmpty() ? MeasureStatus.EVIDENCED : switch (combine(own.stream().map(CriterionResult::verdict).toList())) {
                case PASS -> MeasureStatus.PASS;
                case FAIL -> MeasureStatus.FAIL;
                default -> MeasureStatus.INCONCLUSIVE;
            };
            List<UUID> ids = evidence.stream().map(r -> r.header().recordId()).toList();
            rows.add(new MeasureRow(m.id(), m.title(), status, m.riskIds(), m.crosswalk(), ids, figures, claim(m, status, own),
                    List.copyOf(limitations)));
        }
        if (!preRegistered) {
            results.add(new CriterionResult("policy:pre-registered", MeasureId.EVIDENCE_INTEGRITY, Verdict.INCONCLUSIVE,
                    "approved " + policy.approvedAt(), "approved before the first record",
                    "the policy was approved after evidence it judges: its thresholds may have been set after seeing the results"));
        }
        if (!validAtBuild) {
            results.add(new CriterionResult("policy:valid", MeasureId.EVIDENCE_INTEGRITY, Verdict.INCONCLUSIVE,
                    "valid " + policy.validFrom() + " to " + policy.validUntil(), "the bundle built within the validity",
                    "the policy is outside its validity period: the DPIA and the policy are due for review"));
        }
        Verdict overall;
        if (results.isEmpty()) {
            overall = Verdict.INCONCLUSIVE;
            reasons.add(policy.measures().stream().anyMatch(m -> !m.criteria().isEmpty())
                    ? "no criterion could be judged: no measure the policy sets criteria for has evidence in this bundle"
                    : "the acceptance policy sets no criterion, so nothing can pass");
        } else {
            overall = combine(results.stream().map(CriterionResult::verdict).toList());
            for (CriterionResult c : results) {
                if (c.verdict() != Verdict.PASS) {
                    reasons.add(c.criterionId() + " " + JsonNames.of(c.verdict()) + ": " + c.reason());
                }
            }
        }
        int exit = switch (overall) {
            case PASS -> EXIT_PASS;
            case FAIL -> EXIT_FAIL;
            default -> EXIT_INCONCLUSIVE;
        };
        List<RiskRow> risks = new ArrayList<>();
        for (Risk risk : catalogue.risks()) {
            List<MeasureId> measures = catalogue.measures().stream().filter(m -> m.riskIds().contains(risk.id())).map(Measure::id).toList();
            List<UUID> ids = records.stream().filter(r -> r.header().supports().stream()
                    .anyMatch(s -> s.riskIds().contains(risk.id()))).map(r -> r.header().recordId()).toList();
            risks.add(new RiskRow(risk.id(), risk.title(), risk.sources(), measures, ids));
        }
        return new Result(rows, risks, notMeasured, new Gate(overall, exit, results, reasons));
    }

    private static MeasureRow integrityRow(Measure m, IntegrityFacts f) {
        List<String> limits = new ArrayList<>();
        limits.add("Detects any change to the bundle's files by someone without the signing key, and any rewrite of the "
                + "evidence log relative to a checkpoint exported earlier; it does not show that the inputs were truthful, "
                + "nor when the evidence was made (times come from the builder's clock).");
        if (f.keyKind() == DpiaEvidenceBundle.KeyKind.EPHEMERAL) {
            limits.add("Signed with a key generated for this bundle alone (its private half was discarded): the signature shows "
                    + "the files are unchanged since signing only to a reader who got the key id through another channel, "
                    + "such as the DPIA document or the DPO.");
        }
        return new MeasureRow(m.id(), m.title(), MeasureStatus.EVIDENCED, m.riskIds(), m.crosswalk(), List.of(),
                List.of(new KeyFigure("signer key id (SHA-256 of the public key)", f.keyId()),
                        new KeyFigure("key", JsonNames.of(f.keyKind())),
                        new KeyFigure("log checkpoint", f.checkpointLine())),
                "Every file of this bundle is bound by its SHA-256 digest in an in-toto statement signed with Ed25519 key "
                        + f.keyId().substring(0, 16) + "..., and its records are logged in an append-only RFC 6962 log; "
                        + "this supports the measure '" + m.title() + "'.", limits);
    }

    private static String claim(Measure m, MeasureStatus status, List<CriterionResult> own) {
        String ids = String.join(", ", own.stream().map(CriterionResult::criterionId).toList());
        return switch (status) {
            case PASS -> "The records listed support the measure '" + m.title() + "': every pre-registered criterion (" + ids + ") is met.";
            case FAIL -> "The records listed do not meet the pre-registered criteria for the measure '" + m.title() + "' ("
                    + String.join(", ", own.stream().filter(c -> c.verdict() == Verdict.FAIL).map(CriterionResult::criterionId).toList())
                    + " not met).";
            case INCONCLUSIVE -> "The records listed cannot show whether the measure '" + m.title()
                    + "' meets its pre-registered criteria (" + String.join(", ", own.stream()
                    .filter(c -> c.verdict() == Verdict.INCONCLUSIVE).map(CriterionResult::criterionId).toList()) + " inconclusive).";
            case EVIDENCED -> "The records listed support the measure '" + m.title() + "'; the acceptance policy sets no threshold for it.";
            case NOT_MEASURED -> "No evidence in this bundle supports the measure '" + m.title() + "'.";
        };
    }

    static CriterionResult judge(Criterion c, MeasureId measure, List<EvidenceRecord> evidence) {
        List<Verdict> verdicts = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        List<String> why = new ArrayList<>();
        String threshold = c.comparison() == Comparison.IS_PASS ? "pass"
                : (c.comparison() == Comparison.AT_MOST ? "<= " : ">= ") + JsonNumbers.format(c.threshold());
        for (EvidenceRecord r : evidence) {
            String rid = shortId(r.header().recordId());
            if (c.metric() == Metric.RECORD_VERDICT) {
                Verdict v = r.header().verdict();
                observed.add(JsonNames.of(v));
                if (v == Verdict.INFORMATIONAL) {
                    verdicts.add(Verdict.INCONCLUSIVE);
                    why.add(rid + " has no pass/fail criteria of its own");
                } else {
                    verdicts.add(v);
                    why.add(rid + " " + JsonNames.of(v));
                }
                continue;
            }
            if (c.metric().recordType() != r.recordType()) {
                continue;
            }
            JsonNode tree = EvidenceJson.toTree(r);
            Metric.Observation o = c.metric().observe(tree);
            if (o.value() == null) {
                verdicts.add(Verdict.INCONCLUSIVE);
                observed.add("undefined");
                why.add(rid + ": " + o.undefinedReason());
                continue;
            }
            boolean interval = o.lower() != null;
            boolean privacyLoss = c.metric() == Metric.EPSILON || c.metric() == Metric.CLIENT_EPSILON || c.metric() == Metric.DELTA
                    || c.metric() == Metric.DELTA_TIMES_N || c.metric() == Metric.MAX_TPR_AT_1PCT_FPR;
            observed.add(display(o.value(), privacyLoss) + (interval ? " [" + display(o.lower(), privacyLoss) + ", "
                    + display(o.upper(), privacyLoss) + "]" : ""));
            double t = c.threshold();
            Verdict v;
            if (c.comparison() == Comparison.AT_MOST) {
                double hi = interval ? o.upper() : o.value();
                double lo = interval ? o.lower() : o.value();
                v = hi <= t ? Verdict.PASS : lo > t ? Verdict.FAIL : Verdict.INCONCLUSIVE;
            } else {
                double hi = interval ? o.upper() : o.value();
                double lo = interval ? o.lower() : o.value();
                v = lo >= t ? Verdict.PASS : hi < t ? Verdict.FAIL : Verdict.INCONCLUSIVE;
            }
            verdicts.add(v);
            why.add(rid + ": " + (v == Verdict.INCONCLUSIVE ? "the interval straddles the threshold"
                    : (interval ? "the whole interval is " : "the value is ") + (v == Verdict.PASS ? "within" : "beyond") + " the threshold"));
        }
        if (verdicts.isEmpty()) {
            return new CriterionResult(c.id(), measure, Verdict.INCONCLUSIVE, "no record of type " + c.metric().recordType().id(),
                    threshold, "no record carries this figure");
        }
        return new CriterionResult(c.id(), measure, combine(verdicts), String.join("; ", observed), threshold, String.join("; ", why));
    }

    static Verdict combine(List<Verdict> verdicts) {
        if (verdicts.contains(Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        if (verdicts.contains(Verdict.INCONCLUSIVE) || verdicts.contains(Verdict.INFORMATIONAL)) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }

    /**
     * A figure for people, to 4 significant digits. Privacy-loss figures are rounded up, so a
     * displayed epsilon is never smaller than the one judged; verdicts always use the exact value.
     */
    static String display(double v, boolean roundUp) {
        if (Double.isInfinite(v) || v == 0) {
            return fmt(v);
        }
        java.math.BigDecimal b = java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4,
                roundUp ? java.math.RoundingMode.CEILING : java.math.RoundingMode.HALF_EVEN));
        return JsonNumbers.format(b.doubleValue());
    }

    static String fmt(double v) {
        return Double.isInfinite(v) ? "Infinity" : JsonNumbers.format(v);
    }

    static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    /** The empty slots for human judgement: ICO DPIA template steps 5 to 7 and the CNIL PIA headings. */
    static List<HumanSection> humanSections() {
        MeasureCatalogue catalogue = MeasureCatalogue.current();
        List<HumanSection> out = new ArrayList<>();
        for (Risk r : catalogue.risks()) {
            out.add(new HumanSection("risk-assessment:" + r.id(), "Step 5: Identify and assess risks",
                    "Risks: likelihood and severity", "Assess '" + r.title() + "': how likely is harm, how severe would it be, "
                    + "and what is the overall risk? Only the people who own the DPIA can judge this; the evidence above informs it.",
                    List.of(new HumanField("likelihood", "Likelihood of harm", null), new HumanField("severity", "Severity of harm", null),
                            new HumanField("overall-risk", "Overall risk", null), new HumanField("justification", "Justification", null))));
        }
        for (Risk r : catalogue.risks()) {
            out.add(new HumanSection("risk-treatment:" + r.id(), "Step 6: Identify measures to reduce risk",
                    "Risks: planned or existing measures", "Decide whether the measures evidenced above are sufficient for '"
                    + r.title() + "', the residual risk, and whether the measures are approved.",
                    List.of(new HumanField("options", "Options to reduce or eliminate the risk", null),
                            new HumanField("effect-on-risk", "Effect on risk (eliminated, reduced, accepted)", null),
                            new HumanField("residual-risk", "Residual risk", null),
                            new HumanField("measure-approved", "Measure approved", null))));
        }
        out.add(new HumanSection("sign-off", "Step 7: Sign off and record outcomes", "Validation",
                "Record who approved the measures and the residual risks, the DPO's advice and whether it was followed.",
                List.of(new HumanField("measures-approved-by", "Measures approved by", null),
                        new HumanField("residual-risks-approved-by", "Residual risks approved by", null),
                        new HumanField("dpo-advice-provided", "DPO advice provided", null),
                        new HumanField("dpo-advice-summary", "Summary of DPO advice", null),
                        new HumanField("dpo-advice-accepted-or-overruled-by", "DPO advice accepted or overruled by (with reasons)", null),
                        new HumanField("consultation-responses-reviewed-by", "Consultation responses reviewed by", null),
                        new HumanField("kept-under-review-by", "This DPIA will be kept under review by", null))));
        out.add(new HumanSection("cnil-validation", "Step 7: Sign off and record outcomes", "Validation: action plan and opinions",
                "The CNIL PIA validation: the action plan, the opinions of the DPO and of the people concerned, and the decision.",
                List.of(new HumanField("action-plan", "Action plan (measures, owners, dates)", null),
                        new HumanField("dpo-opinion", "Opinion of the DPO", null),
                        new HumanField("data-subjects-opinion", "Opinion of the people concerned, or why it was not sought", null),
                        new HumanField("validation-decision", "Decision on the DPIA", null))));
        return out;
    }
}
