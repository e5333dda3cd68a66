package io.privkit.dp.sgd;

import io.privkit.dp.accounting.DpEvent;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import java.util.function.DoubleFunction;

/**
 * A {@link DpSgdConfig} resolved for a dataset: every number the run will use and the epsilon it
 * will spend, known before the first step.
 *
 * <p>Resolution ({@link DpSgdConfig#plan(int, DpSgdAccounting)}):
 * <ul>
 *   <li>Poisson sampling: the nominal rate is {@code b / n} (or the given q); the implemented rate
 *       rounds it up to a multiple of 2^-32 ({@link PoissonSampler}) and is the one accounted; steps
 *       = {@code ceil(epochs / q_nominal)} when epochs are given; the update divides the noisy sum by
 *       the expected batch size {@code n * q_implemented}, a public number (dividing by the realised
 *       size would leak it).</li>
 *   <li>Shuffled fixed-size batches: {@code floor(n / b)} batches per epoch, steps =
 *       {@code ceil(epochs * floor(n / b))}; each step is accounted as a Gaussian mechanism on the
 *       whole dataset (no amplification); the normaliser is b.</li>
 *   <li>Noise: the given multiplier, or the smallest multiplier the accountant finds whose epsilon
 *       after all steps is at most the target (rounded up, never overshooting).</li>
 * </ul>
 *
 * @param config            the config this plan resolves
 * @param datasetSize       n, the number of training examples (treated as public)
 * @param noiseMultiplier   sigma, given or calibrated
 * @param noiseOrigin       whether sigma was given or calibrated
 * @param samplingRate      the implemented inclusion probability (Poisson), or b / n (shuffled)
 * @param expectedBatchSize the expected batch size (Poisson), or the fixed batch size (shuffled)
 * @param steps             the number of noisy steps
 * @param epochs            passes over the data those steps make, steps * q
 * @param dimension         the number of trained parameters (the noise's dimension)
 * @param stepEvent         each step's privacy event, as accounted (with the noise sampler's slack)
 * @param plannedEpsilon    the epsilon at {@code config.delta()} after all steps, rounded up
 */
public record DpSgdPlan(
        DpSgdConfig config,
        int datasetSize,
        double noiseMultiplier,
        NoiseOrigin noiseOrigin,
        double samplingRate,
        double expectedBatchSize,
        long steps,
        double epochs,
        int dimension,
        DpEvent stepEvent,
        double plannedEpsilon) {

    public DpSgdPlan {
        Checks.requireNonNull(config, "config");
        Checks.requirePositive(datasetSize, "datasetSize");
        Checks.requirePositive(noiseMultiplier, "noiseMultiplier");
        Checks.requireNonNull(noiseOrigin, "noiseOrigin");
        Checks.requirePositive(expectedBatchSize, "expectedBatchSize");
        Checks.requirePositive(steps, "steps");
        Checks.requirePositive(dimension, "dimension");
        Checks.requireNonNull(stepEvent, "stepEvent");
        if (Double.isNaN(plannedEpsilon) || plannedEpsilon < 0) {
            throw Checks.argument("plannedEpsilon").mustBe(">= 0 (or Infinity)").got(plannedEpsilon).noFix().exception();
        }
    }

    /** Whether the noise multiplier was given or calibrated to a target epsilon. */
    public enum NoiseOrigin {
        /** Given in the config. */
        GIVEN,
        /** Calibrated to the config's target epsilon. */
        CALIBRATED
    }

    /** The clipping norm C. */
    public double clippingNorm() {
        return config.clippingNorm();
    }

    /** The delta of the guarantee. */
    public double delta() {
        return config.delta();
    }

    /** The batch sampling scheme. */
    public DpSgdConfig.BatchSampling sampling() {
        return config.sampling();
    }

    /** The per-coordinate noise standard deviation the plan asks for, sigma * C. */
    public double noiseStandardDeviation() {
        return noiseMultiplier * config.clippingNorm();
    }

    /** The whole run's event: the step event composed {@link #steps()} times. */
    public DpEvent runEvent() {
        return stepEvent.selfComposed(steps);
    }

    /** The whole run's event after {@code count} steps. */
    public DpEvent runEvent(long count) {
        return stepEvent.selfComposed(count);
    }

    static DpSgdPlan resolve(DpSgdConfig config, int datasetSize, int dimension, DpSgdAccounting accounting) {
        Checks.requireNonNull(config, "config");
        Checks.requireNonNull(accounting, "accounting");
        Problems p = Problems.of("DpSgdPlan");
        if (datasetSize < 1) {
            p.add(Checks.argument("datasetSize").mustBe("at least 1").got(datasetSize)
                    .fix("Train on a non-empty dataset."));
        }
        if (dimension < 1) {
            p.add(Checks.argument("dimension").mustBe("at least 1").got(dimension)
                    .fix("The model must have trainable parameters."));
        }
        p.throwIfAny();
        if (accounting.kind() != config.accountant()) {
            p.add(Checks.argument("accounting").mustBe("the config's accountant (" + config.accountant() + ")")
                    .got(accounting.kind()).fix("Plan with DpSgdAccounting.of(config.accountant())."));
        }
        double nominalRate;
        double expectedBatch;
        double samplingRate;
        long steps = 0;
        double epochsDone;
        boolean poisson = config.sampling() == DpSgdConfig.BatchSampling.POISSON;
        if (config.batch() instanceof DpSgdConfig.ExpectedBatchSize b) {
            if (b.value() > datasetSize) {
                p.add(Checks.argument("expectedBatchSize").mustBe("at most the number of examples (" + datasetSize + ")")
                        .got(b.value()).fix("Use a smaller batch, or more data."));
            }
            nominalRate = Math.min(1.0, (double) b.value() / datasetSize);
        } else {
            nominalRate = ((DpSgdConfig.SamplingRate) config.batch()).value();
        }
        if (poisson) {
            samplingRate = PoissonSampler.implementedRate(nominalRate);
            expectedBatch = datasetSize * samplingRate;
            if (config.length() instanceof DpSgdConfig.Steps s) {
                steps = s.value();
            } else {
                double e = ((DpSgdConfig.Epochs) config.length()).value();
                steps = (long) Math.ceil(e / nominalRate);
            }
            epochsDone = steps * nominalRate;
        } else {
            int b = Math.min(datasetSize, ((DpSgdConfig.ExpectedBatchSize) config.batch()).value());
            int perEpoch = datasetSize / b;
            samplingRate = (double) b / datasetSize;
            expectedBatch = b;
            if (config.length() instanceof DpSgdConfig.Steps s) {
                steps = s.value();
            } else {
                steps = (long) Math.ceil(((DpSgdConfig.Epochs) config.length()).value() * perEpoch);
            }
            epochsDone = (double) steps / perEpoch;
        }
        if (steps < 1) {
            p.add(Checks.argument("epochs").mustBe("enough for at least one step").got(config.length())
                    .fix("Train for more epochs."));
        }
        p.throwIfAny();

        final long planned = steps;
        final double rate = samplingRate;
        double sigma;
        NoiseOrigin origin;
        if (config.noise() instanceof DpSgdConfig.NoiseMultiplier m) {
            sigma = m.value();
            origin = NoiseOrigin.GIVEN;
        } else {
            double target = ((DpSgdConfig.TargetEpsilon) config.noise()).epsilon();
            origin = NoiseOrigin.CALIBRATED;
            // Calibrate on the ideal Gaussian (fast: no sampler tables), then raise sigma in steps of
            // 0.1% until the implemented noise's event, with its sampler slack, meets the target too.
            DoubleFunction<DpEvent> ideal = s -> (poisson ? DpEvent.gaussian(s).poissonSampled(rate) : DpEvent.gaussian(s))
                    .selfComposed(planned);
            sigma = accounting.calibrateNoiseMultiplier(ideal, target, config.delta());
            if (!Double.isNaN(sigma)) {
                int bumps = 0;
                while (accounting.epsilon(SecureGradientNoise.stepEvent(sigma, config.clippingNorm(), dimension, poisson, rate)
                        .selfComposed(planned), config.delta()) > target && bumps < 50) {
                    sigma = Math.nextUp(sigma * 1.001);
                    bumps++;
                }
                if (bumps == 50) {
                    sigma = Double.NaN;
                }
            }
            if (Double.isNaN(sigma)) {
                p.add(Checks.argument("targetEpsilon")
                        .mustBe("reachable with " + steps + " steps at sampling rate " + samplingRate + " and delta " + config.delta())
                        .got(target)
                        .fix("Raise the target, train for fewer steps, use a smaller batch, or a larger delta."));
                p.throwIfAny();
            }
        }
        DpEvent stepEvent = SecureGradientNoise.stepEvent(sigma, config.clippingNorm(), dimension, poisson, samplingRate);
        double epsilon = accounting.epsilon(stepEvent.selfComposed(steps), config.delta());
        if (config.noise() instanceof DpSgdConfig.TargetEpsilon t && !(epsilon <= t.epsilon())) {
            // A calibration that overshoots is a bug in the accountant; refuse rather than overspend.
            throw new IllegalStateException("calibrated noise multiplier " + sigma + " gives epsilon " + epsilon
                    + " above the target " + t.epsilon() + "; the accountant's calibration overshot");
        }
        return new DpSgdPlan(config, datasetSize, sigma, origin, samplingRate, expectedBatch, steps, epochsDone, dimension,
                stepEvent, epsilon);
    }
}
