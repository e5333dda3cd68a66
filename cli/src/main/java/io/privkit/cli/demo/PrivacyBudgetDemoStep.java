package io.privkit.cli.demo;

import io.privkit.common.AtomicFiles;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.evidence.PrivacyBudgetReport;
import io.privkit.dp.ledger.LedgerConfig;
import io.privkit.dp.ledger.LedgerEntry;
import io.privkit.dp.ledger.LedgerLocation;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.dp.mechanism.AggregationParameters;
import io.privkit.dp.mechanism.BoundedCount;
import io.privkit.dp.mechanism.BoundedMean;
import io.privkit.dp.mechanism.BoundedQuantiles;
import io.privkit.dp.noise.SamplerInfo;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The privacy-budget step of {@code privkit demo}: on generated loan applications it opens a
 * ledger in the demo's data folder, releases a noisy count, a noisy mean income and noisy age
 * quantiles with contribution bounding and secure noise, each spend committed to the ledger before
 * its result is computed, and returns the privacy-budget record of the three releases.
 */
public final class PrivacyBudgetDemoStep implements DemoStep {
    private static final int APPLICANTS = 2000;

    @Override
    public String title() {
        return "Privacy budget (noisy aggregates through a durable ledger)";
    }

    @Override
    public List<EvidenceRecord> run(DemoContext ctx) throws Exception {
        Randomness data = ctx.dataRandomness("privacy-budget");
        double[] income = new double[APPLICANTS];
        double[] age = new double[APPLICANTS];
        StringBuilder csv = new StringBuilder("applicant_id,age,income\n");
        for (int i = 0; i < APPLICANTS; i++) {
            age[i] = 18 + Math.floor(data.nextDouble() * 60);
            income[i] = Math.round(Math.exp(10 + 0.6 * gaussianish(data)));
            csv.append(String.format(Locale.ROOT, "a%04d,%.0f,%.0f%n", i, age[i], income[i]));
        }
        Path file = ctx.dataDir().resolve("applications.csv");
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));

        Randomness noise = ctx.noise();
        AggregationParameters countParams = AggregationParameters.builder().epsilon(0.25).build();
        AggregationParameters incomeParams = AggregationParameters.builder().epsilon(0.5).bounds(0, 200_000).build();
        AggregationParameters ageParams = AggregationParameters.builder().epsilon(0.5).bounds(18, 78).build();
        BoundedCount count = BoundedCount.create(countParams);
        BoundedMean meanIncome = BoundedMean.create(incomeParams);
        BoundedQuantiles ageQuantiles = BoundedQuantiles.create(ageParams, List.of(0.5, 0.9));
        for (int i = 0; i < APPLICANTS; i++) {
            String unit = String.format(Locale.ROOT, "a%04d", i);
            count.add(unit);
            meanIncome.add(unit, income[i]);
            ageQuantiles.add(unit, age[i]);
        }

        LedgerLocation location = LedgerLocation.sqlite(ctx.dataDir().resolve("privacy-budget.db"));
        LedgerConfig budget = LedgerConfig.builder().name("demo-loan-statistics").epsilon(2.0).delta(1e-6).build();
        try (PrivacyLedger ledger = PrivacyLedger.create(location, budget)) {
            long n = ledger.release("number of applicants", count.event(), () -> count.compute(noise)).value();
            double mean = ledger.release("mean income", meanIncome.event(), () -> meanIncome.compute(noise)).value();
            List<Double> q = ledger.release("age median and 90th percentile", ageQuantiles.event(),
                    () -> ageQuantiles.compute(noise)).value();
            LedgerEntry last = ledger.history().get(2);
            if (n < 0 || Double.isNaN(mean) || q.size() != 2) {
                throw new IllegalStateException("the demo's releases are malformed");
            }
            DpEvent all = new DpEvent.Composed(List.of(count.event(), meanIncome.event(), ageQuantiles.event()));
            SamplerInfo sampler = new SamplerInfo("discrete Laplace (Canonne, Kamath, Steinke 2020) for counts; Laplace on a "
                    + "2^-40 power-of-two grid for sums; exponential mechanism sampled exactly for quantiles",
                    "integer noise only; granularity rounding of exact sums; exact Bernoulli(exp(-gamma)) draws");
            PrivacyBudgetEvidence record = PrivacyBudgetReport.builder()
                    .header(EvidenceHeader.builder().subject(ctx.subject()).clock(ctx.clock())
                            .input(InputRef.ofFile("applications", file, (long) APPLICANTS))
                            .supports(MeasureId.DP_TRAINING).verdict(Verdict.INFORMATIONAL)
                            .limitation("The demo releases aggregate statistics, not a trained model; they are accounted by "
                                    + "the same accountant and ledger as training runs."))
                    .guarantee(PrivacyAccountant.pld().account(all), 0)
                    .implementedSampling(PrivacyBudgetEvidence.SamplingScheme.NOT_APPLICABLE)
                    .privacyUnit(PrivacyBudgetEvidence.UnitKind.USER, "applicant_id")
                    .contributionBound(1L, "at most one row per applicant, enforced by each aggregation (maxContributionsPerUnit = 1)")
                    .release(PrivacyBudgetEvidence.Release.AGGREGATE_STATISTICS)
                    .accessCovered("noisy count of applicants")
                    .accessCovered("noisy mean income (income clamped to [0, 200000])")
                    .accessCovered("noisy age median and 90th percentile (age clamped to [18, 78])")
                    .noise(sampler, noise)
                    .ledger(ledger, last)
                    .datasetSize(null, false)
                    .build();
            return List.of(record);
        }
    }

    /** A standard-normal-like value from the data generator (the sum of 12 uniforms, minus 6). */
    private static double gaussianish(Randomness r) {
        double s = 0;
        for (int i = 0; i < 12; i++) {
            s += r.nextDouble();
        }
        return s - 6;
    }
}
