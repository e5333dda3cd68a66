package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Problems;
import io.privkit.common.Sha256;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.json.JsonNumbers;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A comparison of production ("current") data with reference data: the regular monitoring of data
 * drift under real conditions that the CNIL's AI guidance asks for, and evidence for the accuracy
 * principle (GDPR Art. 5(1)(d)).
 *
 * <p>Per feature it keeps every statistic computed (test, statistic, p-value and whether exact or
 * asymptotic), the effect size that decides drift alongside the p-value (so a large sample's tiny
 * p-value is not called drift on its own), sample sizes, missing rates, unseen categories, the
 * binning and any sketch error bound. At dataset level it states the decision rule and the
 * multiple-testing correction; for streams, the detector and its false-alarm calibration; and the
 * power of the check, so "no drift" is not just an underpowered test.
 *
 * <p>Filled by the drift module; field list from Privkit's evidence design notes, record (c).
 *
 * @param header              the common header
 * @param referenceWindow     the reference data
 * @param currentWindow       the current data
 * @param schedule            how often the check runs, when scheduled
 * @param policy              the detection policy (which test for which column type, thresholds)
 * @param featuresMonitored   the features checked
 * @param excluded            features not checked, with the reason
 * @param perFeature          per-feature results
 * @param multipleTesting     the multiplicity correction
 * @param datasetRule         how per-feature results become a dataset decision
 * @param datasetDrift        the dataset decision
 * @param driftedShare        the share of monitored features that drifted
 * @param streaming           the streaming detector, for a stream check
 * @param power               the check's power, when computed
 * @param predictionDrift     drift of the model's predictions, when checked
 * @param performance         model performance against its baseline, when labels arrived
 * @param perGroupDrift       drift concentrated in groups, when checked
 * @param status              ok, warn or alert
 * @param action              what was done about it
 * @param trend               persistence across runs
 * @param privacyOfMonitoring how the monitoring output avoids holding personal data
 */
@Doc("Drift evidence: what production data was compared with what reference, which features drifted and by how much, with the statistics, corrections and power behind the decision.")
public record DriftEvidence(
        @Doc("The common header.") EvidenceHeader header,
        @Doc("The reference data (what the model was built or validated on).") Window referenceWindow,
        @Doc("The current, production data.") Window currentWindow,
        @Doc("How often the check runs; null for a one-off check.") @Nullable Schedule schedule,
        @Doc("The detection policy: which test decides for each column type, and the thresholds.") DetectionPolicy policy,
        @Doc("The features checked.") List<Feature> featuresMonitored,
        @Doc("Features not checked, each with the reason.") List<Exclusion> excluded,
        @Doc("Per-feature results: every statistic computed, the effect size, sample sizes, missing rates and unseen categories.")
        List<FeatureDrift> perFeature,
        @Doc("The multiple-testing correction across features.") MultipleTesting multipleTesting,
        @Doc("How per-feature results become the dataset decision.") DatasetRule datasetRule,
        @Doc("The dataset decision: whether the data as a whole drifted.") boolean datasetDrift,
        @Doc("The share of monitored features that drifted, in [0, 1].") double driftedShare,
        @Doc("The streaming detector, for a stream check; null for a batch check.") @Nullable Streaming streaming,
        @Doc("The smallest effect the check would detect with the stated power; null when not computed.") @Nullable Power power,
        @Doc("Drift of the model's predictions; null when not checked.") @Nullable FeatureDrift predictionDrift,
        @Doc("Model performance against its baseline, when ground truth has arrived; null otherwise.") @Nullable Performance performance,
        @Doc("Drift concentrated in groups (a fairness risk); empty when not checked.") List<GroupDrift> perGroupDrift,
        @Doc("ok, warn or alert.") Status status,
        @Doc("What was done about an alert; null when nothing was recorded.") @Nullable Action action,
        @Doc("Persistence across runs; null for a first run.") @Nullable Trend trend,
        @Doc("How the monitoring output avoids holding personal data.") MonitoringPrivacy privacyOfMonitoring)
        implements EvidenceRecord {

    public DriftEvidence {
        Checks.requireNonNull(header, "header");
        Checks.requireNonNull(referenceWindow, "referenceWindow");
        Checks.requireNonNull(currentWindow, "currentWindow");
        Checks.requireNonNull(policy, "policy");
        featuresMonitored = List.copyOf(Checks.requireNoNullElements(featuresMonitored, "featuresMonitored"));
        excluded = List.copyOf(Checks.requireNoNullElements(excluded, "excluded"));
        perFeature = List.copyOf(Checks.requireNoNullElements(perFeature, "perFeature"));
        Checks.requireNonNull(multipleTesting, "multipleTesting");
        Checks.requireNonNull(datasetRule, "datasetRule");
        Checks.requireProbability(driftedShare, "driftedShare");
        perGroupDrift = List.copyOf(Checks.requireNoNullElements(perGroupDrift, "perGroupDrift"));
        Checks.requireNonNull(status, "status");
        Checks.requireNonNull(privacyOfMonitoring, "privacyOfMonitoring");
    }

    @Override
    public String headline() {
        List<String> drifted = perFeature.stream().filter(FeatureDrift::drift).map(FeatureDrift::feature).toList();
        String which = drifted.isEmpty() ? "no feature drifted"
                : drifted.size() + " of " + perFeature.size() + " features drifted (" + String.join(", ", drifted.subList(0, Math.min(5, drifted.size())))
                + (drifted.size() > 5 ? ", ..." : "") + ")";
        return "status " + JsonNames.of(status) + ": " + which + "; dataset drift " + (datasetDrift ? "yes" : "no")
                + " (" + JsonNumbers.format(driftedShare * 100) + "% of features)";
    }

    /** A builder; {@link Builder#build()} reports every missing field at once. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ vocabulary

    /** The statistical type of a column. */
    public enum FeatureType {
        /** Real or integer values. */
        NUMERIC,
        /** A finite set of labels. */
        CATEGORICAL,
        /** Two values. */
        BINARY,
        /** Free text. */
        TEXT,
        /** Dates and times. */
        DATETIME
    }

    /** What a column is to the model. */
    public enum FeatureRole {
        /** An input feature. */
        FEATURE,
        /** The label or target. */
        TARGET,
        /** The model's prediction. */
        PREDICTION,
        /** A score or probability output. */
        SCORE,
        /** An identifier (never tested). */
        ID,
        /** A timestamp. */
        TIMESTAMP,
        /** A protected attribute used for per-group checks. */
        SENSITIVE
    }

    /** The dataset decision rule. */
    public enum DatasetRuleKind {
        /** Dataset drift when at least a share of features drifted (Evidently's rule). */
        SHARE_OF_DRIFTED_FEATURES,
        /** Dataset drift when any feature drifts after a family-wise correction. */
        ANY_AFTER_CORRECTION
    }

    /** Monitoring status. */
    public enum Status {
        /** Nothing to act on. */
        OK,
        /** Drift below the alert rule, worth watching. */
        WARN,
        /** Drift that requires action. */
        ALERT
    }

    // ------------------------------------------------------------------ parts

    /**
     * A data window.
     *
     * @param sha256 digest of the data (or its profile), when it came from a file
     * @param period the period covered, when known
     * @param n      rows
     * @param source where it came from (a description, never personal data)
     */
    @Doc("A window of data.")
    public record Window(
            @Doc("SHA-256 of the data file or stored profile; null for a stream.") @Nullable Sha256 sha256,
            @Doc("The period the data covers; null when unknown.") @Nullable TimeRange period,
            @Doc("Number of rows.") long n,
            @Doc("Where the data came from, e.g. the file name or stream name.") String source) {
        public Window {
            Checks.requireNonNegative(n, "window.n");
            Checks.requireNonNull(source, "window.source");
        }
    }

    /**
     * How often the check runs.
     *
     * @param cadence e.g. {@code daily}
     * @param runId   this run's identifier in the schedule
     */
    @Doc("How often the check runs.")
    public record Schedule(
            @Doc("The cadence, e.g. daily, weekly, per batch.") String cadence,
            @Doc("This run's identifier.") String runId) {
        public Schedule {
            Checks.requireNonBlank(cadence, "schedule.cadence");
            Checks.requireNonBlank(runId, "schedule.runId");
        }
    }

    /**
     * The detection policy.
     *
     * @param name        the policy or preset name
     * @param description the rules in words (which test per column type, thresholds, effect sizes)
     */
    @Doc("The detection policy, stated in every report.")
    public record DetectionPolicy(
            @Doc("The policy or preset name, e.g. privkit-default or evidently-compatible.") String name,
            @Doc("The rules in words: which test decides for each column type, the p-value and effect-size thresholds.") String description) {
        public DetectionPolicy {
            Checks.requireNonBlank(name, "policy.name");
            Checks.requireNonBlank(description, "policy.description");
        }
    }

    /**
     * A monitored feature.
     *
     * @param name the column
     * @param type its statistical type
     * @param role its role
     */
    @Doc("A monitored column.")
    public record Feature(
            @Doc("The column name.") String name,
            @Doc("numeric, categorical, binary, text or datetime.") FeatureType type,
            @Doc("feature, target, prediction, score, id, timestamp or sensitive.") FeatureRole role) {
        public Feature {
            Checks.requireNonBlank(name, "feature.name");
            Checks.requireNonNull(type, "feature.type");
            Checks.requireNonNull(role, "feature.role");
        }
    }

    /**
     * A feature not checked.
     *
     * @param name   the column
     * @param reason why
     */
    @Doc("A column that was not checked, and why.")
    public record Exclusion(
            @Doc("The column name.") String name,
            @Doc("Why it was not checked, e.g. 'identifier', 'all values missing in the current data'.") String reason) {
        public Exclusion {
            Checks.requireNonBlank(name, "excluded.name");
            Checks.requireNonBlank(reason, "excluded.reason");
        }
    }

    /**
     * One statistic computed on a feature.
     *
     * @param test      the test or distance, e.g. {@code ks}, {@code psi}
     * @param statistic its value
     * @param pValue    its p-value, when it is a test
     * @param method    how the p-value was computed ({@code exact}, {@code asymptotic}, {@code permutation})
     * @param threshold the threshold applied, when it took part in the decision
     * @param drift     whether this statistic alone signals drift, when it took part in the decision
     */
    @Doc("One statistic computed on a feature.")
    public record TestResult(
            @Doc("The test or distance, e.g. ks, ad, cvm, mw, es, chi2, g, fisher, z, wasserstein, energy, psi, kl, js, hellinger.") String test,
            @Doc("The statistic's value.") double statistic,
            @Doc("The p-value; null for a distance.") @Nullable Double pValue,
            @Doc("How the p-value was computed: exact, asymptotic, permutation; or how the distance was binned. Null when not applicable.")
            @Nullable String method,
            @Doc("The threshold applied; null when this statistic did not take part in the decision.") @Nullable Double threshold,
            @Doc("Whether this statistic alone signals drift; null when it did not take part in the decision.") @Nullable Boolean drift) {
        public TestResult {
            Checks.requireNonBlank(test, "test.test");
            Checks.requireFinite(statistic, "test " + test + " statistic");
            if (pValue != null) {
                Checks.requireProbability(pValue, "test " + test + " pValue");
            }
        }
    }

    /**
     * An effect size.
     *
     * @param name      its name, e.g. {@code wasserstein-normalised}
     * @param value     its value
     * @param threshold the smallest effect treated as drift, when one applies
     */
    @Doc("An effect size: how large the change is, as opposed to how sure the test is that there is one.")
    public record EffectSize(
            @Doc("Its name, e.g. wasserstein-normalised, psi, js-distance, proportion-difference.") String name,
            @Doc("Its value.") double value,
            @Doc("The smallest effect treated as drift; null when none applies.") @Nullable Double threshold) {
        public EffectSize {
            Checks.requireNonBlank(name, "effectSize.name");
            Checks.requireFinite(value, "effectSize.value");
        }
    }

    /**
     * The result for one feature.
     *
     * @param feature          the column
     * @param type             its type
     * @param error            why it could not be checked (the run goes on), or null
     * @param decidedBy        the statistic(s) that decided drift
     * @param drift            the decision
     * @param adjustedPValue   the p-value after the multiple-testing correction, when a test decided
     * @param tests            every statistic computed
     * @param effectSize       the effect size, when computed
     * @param nReference       reference values used
     * @param nCurrent         current values used
     * @param missingRateReference share missing in the reference
     * @param missingRateCurrent   share missing in the current data
     * @param unseenCategories categories in the current data that the reference lacks
     * @param binning          the binning rule, for binned statistics
     * @param sketchError      the bound on the statistic's error from sketching, when sketched
     */
    @Doc("The result for one feature, with every statistic computed.")
    public record FeatureDrift(
            @Doc("The column name.") String feature,
            @Doc("The column's type.") FeatureType type,
            @Doc("Why the column could not be checked (e.g. all values NaN); null when it was checked. The run goes on.")
            @Nullable String error,
            @Doc("The statistic(s) that decided drift, e.g. 'ks p-value and wasserstein-normalised'.") String decidedBy,
            @Doc("Whether the feature drifted.") boolean drift,
            @Doc("The deciding p-value after the multiple-testing correction; null when no test decided.") @Nullable Double adjustedPValue,
            @Doc("Every statistic computed on the feature.") List<TestResult> tests,
            @Doc("The effect size; null when not computed.") @Nullable EffectSize effectSize,
            @Doc("Reference values used (non-missing).") long nReference,
            @Doc("Current values used (non-missing).") long nCurrent,
            @Doc("Share of reference values missing, in [0, 1].") double missingRateReference,
            @Doc("Share of current values missing, in [0, 1].") double missingRateCurrent,
            @Doc("Categories in the current data that the reference lacks; reported, never a crash.") List<String> unseenCategories,
            @Doc("The binning rule for binned statistics (e.g. '10 reference-quantile bins, empty bins smoothed by 1e-4'); null when none.")
            @Nullable String binning,
            @Doc("Proven bound on the statistic's error when computed from sketches; null when exact.") @Nullable Double sketchError) {
        public FeatureDrift {
            Checks.requireNonBlank(feature, "perFeature.feature");
            Checks.requireNonNull(type, "perFeature.type");
            Checks.requireNonNull(decidedBy, "perFeature.decidedBy");
            if (adjustedPValue != null) {
                Checks.requireProbability(adjustedPValue, "perFeature.adjustedPValue");
            }
            tests = List.copyOf(Checks.requireNoNullElements(tests, "perFeature.tests"));
            Checks.requireNonNegative(nReference, "perFeature.nReference");
            Checks.requireNonNegative(nCurrent, "perFeature.nCurrent");
            Checks.requireProbability(missingRateReference, "perFeature.missingRateReference");
            Checks.requireProbability(missingRateCurrent, "perFeature.missingRateCurrent");
            unseenCategories = List.copyOf(Checks.requireNoNullElements(unseenCategories, "perFeature.unseenCategories"));
            if (sketchError != null) {
                Checks.requireNonNegative(sketchError, "perFeature.sketchError");
            }
            if (error != null && drift) {
                throw Checks.argument("perFeature " + feature).mustBe("not drifted when it could not be checked")
                        .got("error and drift").noFix().exception();
            }
        }
    }

    /**
     * The dataset decision rule.
     *
     * @param kind           the rule
     * @param shareThreshold the share of drifted features that means dataset drift, for the share rule
     */
    @Doc("How per-feature results become the dataset decision.")
    public record DatasetRule(
            @Doc("share-of-drifted-features or any-after-correction.") DatasetRuleKind kind,
            @Doc("For the share rule: dataset drift when at least this share of features drifted.") @Nullable Double shareThreshold) {
        public DatasetRule {
            Checks.requireNonNull(kind, "datasetRule.kind");
            if (kind == DatasetRuleKind.SHARE_OF_DRIFTED_FEATURES) {
                Checks.requireNonNull(shareThreshold, "datasetRule.shareThreshold");
                Checks.requireIn(shareThreshold, "datasetRule.shareThreshold", Interval.openClosed(0, 1));
            }
        }
    }

    /**
     * A streaming detector's configuration and calibration.
     *
     * @param detector        e.g. {@code adwin}
     * @param parameters      its parameters, as text
     * @param expectedRunTime the calibrated expected number of observations between false alarms
     * @param falseAlarmRate  the calibrated false-alarm rate per observation
     * @param detectionDelay  the measured mean delay to detect a reference change, when measured
     * @param alarms          alarms raised in this window
     */
    @Doc("A streaming detector and how often it raises false alarms.")
    public record Streaming(
            @Doc("The detector, e.g. adwin, page-hinkley, ddm, eddm, hddm-a, hddm-w, kswin, cusum.") String detector,
            @Doc("Its parameters, as text, sorted by name.") Map<String, String> parameters,
            @Doc("Calibrated expected number of observations between false alarms; null when not calibrated.") @Nullable Double expectedRunTime,
            @Doc("Calibrated false-alarm rate per observation; null when not calibrated.") @Nullable Double falseAlarmRate,
            @Doc("Measured mean delay (observations) to detect a reference change; null when not measured.") @Nullable Double detectionDelay,
            @Doc("Alarms raised in this window.") long alarms) {
        public Streaming {
            Checks.requireNonBlank(detector, "streaming.detector");
            parameters = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(parameters, "streaming.parameters")));
            Checks.requireNonNegative(alarms, "streaming.alarms");
        }
    }

    /**
     * The check's power.
     *
     * @param effect              the effect size measured
     * @param minDetectableEffect the smallest effect detected with probability {@code power}
     * @param alpha               the test level
     * @param power               the power
     */
    @Doc("The smallest effect the check detects with the stated power, so 'no drift' is not just an underpowered test.")
    public record Power(
            @Doc("The effect measure, e.g. standardised mean difference.") String effect,
            @Doc("The smallest effect detected with probability 'power'.") double minDetectableEffect,
            @Doc("The test level.") double alpha,
            @Doc("The power, e.g. 0.8.") double power) {
        public Power {
            Checks.requireNonBlank(effect, "power.effect");
            Checks.requireNonNegative(minDetectableEffect, "power.minDetectableEffect");
            Checks.requireIn(alpha, "power.alpha", Interval.open(0, 1));
            Checks.requireIn(power, "power.power", Interval.open(0, 1));
        }
    }

    /**
     * Model performance against its baseline.
     *
     * @param metric        e.g. {@code accuracy}
     * @param baseline      the value at validation
     * @param current       the value now
     * @param ci            the interval on the current value
     * @param acceptableMin the lowest acceptable value, when set
     */
    @Doc("Model performance now against its baseline (accuracy principle, GDPR Art. 5(1)(d)).")
    public record Performance(
            @Doc("The metric, e.g. accuracy, roc-auc.") String metric,
            @Doc("The value at validation.") double baseline,
            @Doc("The value on the current data.") double current,
            @Doc("Interval on the current value; null when not computed.") @Nullable ConfidenceInterval ci,
            @Doc("The lowest acceptable value, from the policy; null when none was set.") @Nullable Double acceptableMin) {
        public Performance {
            Checks.requireNonBlank(metric, "performance.metric");
            Checks.requireFinite(baseline, "performance.baseline");
            Checks.requireFinite(current, "performance.current");
        }
    }

    /**
     * Drift within a group.
     *
     * @param group           the group label
     * @param driftedFeatures the features that drifted within it
     */
    @Doc("Drift concentrated in a group.")
    public record GroupDrift(
            @Doc("The group label.") String group,
            @Doc("Features that drifted within the group.") List<String> driftedFeatures) {
        public GroupDrift {
            Checks.requireNonBlank(group, "perGroupDrift.group");
            driftedFeatures = List.copyOf(Checks.requireNoNullElements(driftedFeatures, "perGroupDrift.driftedFeatures"));
        }
    }

    /**
     * What was done about an alert.
     *
     * @param taken               the action
     * @param owner               who owns it
     * @param ticket              a ticket reference
     * @param fairnessRecheck     whether a fairness re-check was triggered
     * @param dpiaReviewTriggered whether a DPIA review (Art. 35(11)) was triggered
     */
    @Doc("What was done about an alert: evidence that alerts lead to action and to DPIA review.")
    public record Action(
            @Doc("The action taken.") String taken,
            @Doc("Who owns it (a role or pseudonym); null when not recorded.") @Nullable String owner,
            @Doc("A ticket reference; null when none.") @Nullable String ticket,
            @Doc("Whether a fairness re-check was triggered.") boolean fairnessRecheck,
            @Doc("Whether a DPIA review (GDPR Art. 35(11)) was triggered.") boolean dpiaReviewTriggered) {
        public Action {
            Checks.requireNonBlank(taken, "action.taken");
        }
    }

    /**
     * Persistence across runs.
     *
     * @param previousRecordIds earlier records of the same check, most recent first
     * @param consecutiveAlerts alerts in a row including this run
     */
    @Doc("Persistence of drift across runs.")
    public record Trend(
            @Doc("Earlier records of the same check, most recent first.") List<UUID> previousRecordIds,
            @Doc("Alerts in a row, including this run.") int consecutiveAlerts) {
        public Trend {
            previousRecordIds = List.copyOf(Checks.requireNoNullElements(previousRecordIds, "trend.previousRecordIds"));
            Checks.requireNonNegative(consecutiveAlerts, "trend.consecutiveAlerts");
        }
    }

    /**
     * How the monitoring output avoids holding personal data.
     *
     * @param aggregatesOnly whether only aggregates are stored
     * @param binning        how values were binned
     * @param suppression    how small counts were suppressed
     */
    @Doc("How the monitoring output avoids holding personal data.")
    public record MonitoringPrivacy(
            @Doc("Whether only aggregates (statistics, counts, sketches) are stored, never rows.") boolean aggregatesOnly,
            @Doc("How values were binned before storage.") String binning,
            @Doc("How small counts were suppressed, or 'none'.") String suppression) {
        public MonitoringPrivacy {
            Checks.requireNonBlank(binning, "privacyOfMonitoring.binning");
            Checks.requireNonBlank(suppression, "privacyOfMonitoring.suppression");
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link DriftEvidence}; reports every missing field at once. Not thread-safe. */
    public static final class Builder {
        private EvidenceHeader header;
        private Window referenceWindow;
        private Window currentWindow;
        private Schedule schedule;
        private DetectionPolicy policy;
        private final List<Feature> featuresMonitored = new ArrayList<>();
        private final List<Exclusion> excluded = new ArrayList<>();
        private final List<FeatureDrift> perFeature = new ArrayList<>();
        private MultipleTesting multipleTesting;
        private DatasetRule datasetRule;
        private Boolean datasetDrift;
        private Double driftedShare;
        private Streaming streaming;
        private Power power;
        private FeatureDrift predictionDrift;
        private Performance performance;
        private final List<GroupDrift> perGroupDrift = new ArrayList<>();
        private Status status;
        private Action action;
        private Trend trend;
        private MonitoringPrivacy privacyOfMonitoring;

        private Builder() {
        }

        public Builder header(EvidenceHeader v) { this.header = v; return this; }
        public Builder referenceWindow(Window v) { this.referenceWindow = v; return this; }
        public Builder currentWindow(Window v) { this.currentWindow = v; return this; }
        public Builder schedule(Schedule v) { this.schedule = v; return this; }
        public Builder policy(DetectionPolicy v) { this.policy = v; return this; }
        public Builder featureMonitored(Feature v) { this.featuresMonitored.add(v); return this; }
        public Builder excluded(Exclusion v) { this.excluded.add(v); return this; }
        public Builder featureDrift(FeatureDrift v) { this.perFeature.add(v); return this; }
        public Builder multipleTesting(MultipleTesting v) { this.multipleTesting = v; return this; }
        public Builder datasetRule(DatasetRule v) { this.datasetRule = v; return this; }
        public Builder datasetDrift(boolean v) { this.datasetDrift = v; return this; }
        public Builder driftedShare(double v) { this.driftedShare = v; return this; }
        public Builder streaming(Streaming v) { this.streaming = v; return this; }
        public Builder power(Power v) { this.power = v; return this; }
        public Builder predictionDrift(FeatureDrift v) { this.predictionDrift = v; return this; }
        public Builder performance(Performance v) { this.performance = v; return this; }
        public Builder groupDrift(GroupDrift v) { this.perGroupDrift.add(v); return this; }
        public Builder status(Status v) { this.status = v; return this; }
        public Builder action(Action v) { this.action = v; return this; }
        public Builder trend(Trend v) { this.trend = v; return this; }
        public Builder privacyOfMonitoring(MonitoringPrivacy v) { this.privacyOfMonitoring = v; return this; }

        /** Validates and builds. */
        public DriftEvidence build() {
            Problems p = Problems.of("DriftEvidence");
            BuilderSupport.require(p, header, "header");
            BuilderSupport.require(p, referenceWindow, "referenceWindow");
            BuilderSupport.require(p, currentWindow, "currentWindow");
            BuilderSupport.require(p, policy, "policy");
            BuilderSupport.require(p, multipleTesting, "multipleTesting");
            BuilderSupport.require(p, datasetRule, "datasetRule");
            BuilderSupport.require(p, datasetDrift, "datasetDrift");
            BuilderSupport.require(p, driftedShare, "driftedShare");
            BuilderSupport.require(p, status, "status");
            BuilderSupport.require(p, privacyOfMonitoring, "privacyOfMonitoring");
            p.throwIfAny();
            return new DriftEvidence(header, referenceWindow, currentWindow, schedule, policy, featuresMonitored, excluded,
                    perFeature, multipleTesting, datasetRule, datasetDrift, driftedShare, streaming, power, predictionDrift,
                    performance, perGroupDrift, status, action, trend, privacyOfMonitoring);
        }
    }
}
