package io.privkit.drift;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.drift.test.Outcome;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.DriftEvidence.FeatureType;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.MultipleTesting;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link DriftReport} into the {@link DriftEvidence} record a DPIA cites: per-column facts
 * (every statistic with its method, the deciding p-value after correction, the effect size and its
 * threshold, sample sizes, missing rates, unseen categories, binning, sketch error), the policy in
 * words, the correction and dataset rule, and the weakest power across numeric columns.
 *
 * <p>Verdict: FAIL when the dataset drifted, PASS otherwise (the policy fixes the criteria before the
 * run); status ALERT on dataset drift, WARN when a column drifted or could not be checked, else OK.
 * Stateless and thread-safe.
 */
public final class DriftEvidences {
    private DriftEvidences() {
    }

    /**
     * Builds the record.
     *
     * @param report the check's result
     * @param header a header builder with subject (and optionally record id, clock, previous record);
     *               this method adds inputs, the measure, the verdict, claims and limitations
     */
    public static DriftEvidence of(DriftReport report, EvidenceHeader.Builder header) {
        Checks.requireNonNull(report, "report");
        Checks.requireNonNull(header, "header");
        DriftPolicy policy = report.policy();
        header.supports(MeasureId.DRIFT_MONITORING)
                .verdict(report.datasetDrift() ? Verdict.FAIL : Verdict.PASS)
                .claim("Each monitored feature of the current data was compared with the reference data under the stated policy; "
                        + report.drifted().size() + " of " + report.columns().size() + " features drifted.")
                .limitation("Drift statistics show whether the data distribution changed, not whether model accuracy changed.")
                .limitation("Features are tested one at a time; a change only in the joint distribution can go unseen.")
                .claimNotMade("This record does not show that the processing meets any legal requirement.")
                .claimNotMade("No drift detected does not prove that the distributions are identical; see the power figures.");
        for (DriftReport.DataDescription d : List.of(report.reference(), report.current())) {
            if (d.sha256() != null) {
                header.input(new InputRef(d == report.reference() ? "reference-data" : "current-data", d.source(),
                        new Sha256(d.sha256()), Math.max(0, d.sizeBytes()), d.rows(), null));
            }
        }
        DriftEvidence.Builder b = DriftEvidence.builder()
                .header(header.build())
                .referenceWindow(window(report.reference()))
                .currentWindow(window(report.current()))
                .policy(new DriftEvidence.DetectionPolicy(policy.name(), policy.describe()))
                .multipleTesting(new MultipleTesting(policy.correction(), policy.alpha()))
                .datasetRule(policy.datasetRule())
                .datasetDrift(report.datasetDrift())
                .driftedShare(report.driftedShare())
                .privacyOfMonitoring(new DriftEvidence.MonitoringPrivacy(true,
                        "numeric columns: " + policy.bins() + " reference-quantile bins; categories counted per label",
                        "none"));
        report.excluded().forEach((name, reason) -> b.excluded(new DriftEvidence.Exclusion(name, reason)));
        boolean anyWarn = false;
        double worstMde = -1;
        DriftEvidence.FeatureDrift prediction = null;
        for (ColumnResult c : report.columns()) {
            DriftEvidence.FeatureRole role = report.role(c.column());
            b.featureMonitored(new DriftEvidence.Feature(c.column(), c.type(), role));
            DriftEvidence.FeatureDrift fd = feature(c, policy.alpha());
            b.featureDrift(fd);
            if (prediction == null && (role == DriftEvidence.FeatureRole.PREDICTION || role == DriftEvidence.FeatureRole.SCORE)) {
                prediction = fd;
                b.predictionDrift(fd);
            }
            anyWarn |= c.drift() || c.verdict() == ColumnVerdict.ERROR || c.verdict() == ColumnVerdict.INCONCLUSIVE;
            if (c.type() == FeatureType.NUMERIC && c.minDetectableEffect() != null) {
                worstMde = Math.max(worstMde, c.minDetectableEffect());
            }
        }
        if (worstMde >= 0) {
            b.power(new DriftEvidence.Power("standardised mean difference (largest over numeric features)", worstMde,
                    policy.alpha(), DriftCheck.POWER));
        }
        b.status(report.datasetDrift() ? DriftEvidence.Status.ALERT : anyWarn ? DriftEvidence.Status.WARN : DriftEvidence.Status.OK);
        return b.build();
    }

    private static DriftEvidence.Window window(DriftReport.DataDescription d) {
        return new DriftEvidence.Window(d.sha256() == null ? null : new Sha256(d.sha256()), null, d.rows(), d.source());
    }

    /** The evidence form of one column under a test level. */
    public static DriftEvidence.FeatureDrift feature(ColumnResult c, double alpha) {
        List<DriftEvidence.TestResult> tests = new ArrayList<>();
        for (Outcome o : c.outcomes()) {
            boolean deciding = c.decidedBy().startsWith(o.test().key() + " p-value") && o.hasPValue();
            String key = o.test().key() + (o.name().equals(primaryName(o)) ? "" : ":" + o.name());
            tests.add(new DriftEvidence.TestResult(key, o.statistic(), o.pValue(), o.method().key(),
                    deciding ? Double.valueOf(alpha) : null,
                    deciding ? Boolean.valueOf(c.adjustedPValue() != null && c.adjustedPValue() < alpha) : null));
        }
        DriftEvidence.EffectSize effect = c.effectValue() == null ? null
                : new DriftEvidence.EffectSize(c.effect().key(), c.effectValue(), c.effectThreshold());
        return new DriftEvidence.FeatureDrift(c.column(), c.type(), c.error(), c.decidedBy(), c.drift(), c.adjustedPValue(), tests,
                effect, c.nReference(), c.nCurrent(), c.missingRateReference(), c.missingRateCurrent(), c.unseenInReference(),
                c.binning(), c.sketchError());
    }

    private static String primaryName(Outcome o) {
        return switch (o.test()) {
            case KS -> "D";
            case WASSERSTEIN -> "W1";
            default -> o.name();
        };
    }

    /** A short label for a verdict, for human output. */
    static String label(ColumnVerdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
