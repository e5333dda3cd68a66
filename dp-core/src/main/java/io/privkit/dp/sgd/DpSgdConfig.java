package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Problems;

/**
 * What a DP-SGD run is asked to do, before the dataset is known: the noise (a noise multiplier, or
 * a target epsilon to calibrate it to), the delta, the per-example clipping norm, the batch (an
 * expected batch size or a sampling rate), the length (steps or epochs), the batch sampling
 * scheme, the largest physical batch that fits in memory, and the accountant.
 *
 * <p>The algorithm is DP-SGD (Abadi et al., "Deep Learning with Differential Privacy", CCS 2016):
 * each step samples a batch, clips each example's gradient to L2 norm at most C, sums the clipped
 * gradients, adds Gaussian noise of standard deviation {@code noiseMultiplier * C} to every
 * coordinate, divides by the expected batch size and hands the result to the optimiser. Under the
 * add/remove-one-example relation the sum's L2 sensitivity is C, so each step is a Gaussian
 * mechanism with that noise multiplier, amplified by the sampling when it is Poisson.
 *
 * <p>Resolve a config against a dataset size with {@link #plan(int, PrivateGradientModel, DpSgdAccounting)}: that computes
 * the sampling rate and the number of steps, calibrates the noise to a target epsilon (never
 * overshooting it) and reports every problem at once, before any training.
 *
 * <p>Build with {@link #builder()}; {@link Builder#build()} reports every problem at once.
 * Immutable and thread-safe.
 *
 * @param noise                the noise multiplier, or the target epsilon to calibrate it to
 * @param delta                the delta of the (epsilon, delta) guarantee, in (0, 1)
 * @param clippingNorm         C, the per-example L2 bound, finite and &gt; 0
 * @param batch                the expected batch size, or the sampling rate
 * @param length               the number of noisy steps, or of epochs
 * @param sampling             how batches are drawn; Poisson unless there is a reason
 * @param maxPhysicalBatchSize the most examples processed at once; a logical batch larger than this
 *                             is processed in several physical batches whose clipped sums add up
 *                             (virtual batches), so batches larger than memory still work
 * @param accountant           the accountant that computes epsilon
 */
public record DpSgdConfig(
        Noise noise,
        double delta,
        double clippingNorm,
        Batch batch,
        Length length,
        BatchSampling sampling,
        int maxPhysicalBatchSize,
        Accountant accountant) {

    /** Default {@link #maxPhysicalBatchSize()}: large enough that typical batches run in one pass. */
    public static final int DEFAULT_MAX_PHYSICAL_BATCH_SIZE = 1024;

    public DpSgdConfig {
        Problems p = Problems.of("DpSgdConfig");
        validate(p, noise, delta, clippingNorm, batch, length, sampling, maxPhysicalBatchSize, accountant);
        p.throwIfAny();
    }

    private static void validate(Problems p, Noise noise, Double delta, Double clippingNorm, Batch batch, Length length,
                                 BatchSampling sampling, Integer maxPhysicalBatchSize, Accountant accountant) {
        if (noise == null) {
            p.add(Checks.argument("noise").mustBe("a noise multiplier or a target epsilon").got(null)
                    .fix("Call noiseMultiplier(1.1) or targetEpsilon(3.0)."));
        }
        if (delta == null) {
            p.add(Checks.argument("delta").mustBe("in (0, 1)").got(null)
                    .fix("Pick delta well below 1 / (number of examples), e.g. 1e-5 for 60 000 examples."));
        } else {
            p.capture(() -> Checks.requireIn(delta, "delta", Interval.open(0, 1),
                    "Pick delta well below 1 / (number of examples), e.g. 1e-5 for 60 000 examples."));
        }
        if (clippingNorm == null) {
            p.add(Checks.argument("clippingNorm").mustBe("a finite number > 0").got(null)
                    .fix("Pick the per-example L2 bound C, e.g. 1.0 (Opacus and TF Privacy default)."));
        } else if (!(clippingNorm > 0) || Double.isInfinite(clippingNorm)) {
            p.add(Checks.argument("clippingNorm").mustBe("a finite number > 0").got(clippingNorm)
                    .fix("Pick the per-example L2 bound C, e.g. 1.0 (Opacus and TF Privacy default)."));
        }
        if (batch == null) {
            p.add(Checks.argument("batch").mustBe("an expected batch size or a sampling rate").got(null)
                    .fix("Call expectedBatchSize(256) or samplingRate(0.004)."));
        }
        if (length == null) {
            p.add(Checks.argument("length").mustBe("a number of steps or of epochs").got(null)
                    .fix("Call epochs(10) or steps(5000)."));
        }
        if (sampling == null) {
            p.add(Checks.argument("sampling").mustBe("POISSON or SHUFFLED").got(null).fix("Use BatchSampling.POISSON."));
        }
        if (sampling == BatchSampling.SHUFFLED && batch instanceof SamplingRate) {
            p.add(Checks.argument("batch").mustBe("an expected batch size with SHUFFLED sampling").got(batch)
                    .fix("Shuffled batches have a fixed size: call expectedBatchSize(b), or use POISSON sampling."));
        }
        if (maxPhysicalBatchSize == null || maxPhysicalBatchSize < 1) {
            p.add(Checks.argument("maxPhysicalBatchSize").mustBe("at least 1").got(maxPhysicalBatchSize)
                    .fix("Give the most examples that fit in memory at once, e.g. 256."));
        }
        if (accountant == null) {
            p.add(Checks.argument("accountant").mustBe("PLD or RDP").got(null).fix("Use Accountant.PLD."));
        }
    }

    /** A builder with Poisson sampling, the PLD accountant and the default physical batch limit. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves this config for a dataset of {@code datasetSize} examples: the implemented sampling
     * rate, the number of steps, the noise multiplier (calibrated when a target epsilon was given)
     * and the planned epsilon. Reports every problem at once (an expected batch size larger than
     * the dataset, a target epsilon that cannot be reached with these steps and this sampling rate).
     *
     * @param datasetSize the number of training examples, treated as public
     * @param model       the model to train (its parameter count is the noise's dimension)
     * @param accounting  the accountant to plan with
     * @throws io.privkit.common.InvalidArgumentsException listing every problem
     */
    public DpSgdPlan plan(int datasetSize, PrivateGradientModel model, DpSgdAccounting accounting) {
        Checks.requireNonNull(model, "model");
        return DpSgdPlan.resolve(this, datasetSize, model.parameterCount(), accounting);
    }

    // ------------------------------------------------------------------ vocabulary

    /** How much noise: given, or calibrated to a target epsilon. */
    public sealed interface Noise permits NoiseMultiplier, TargetEpsilon {
    }

    /**
     * A given noise multiplier.
     *
     * @param value sigma, the noise standard deviation over the clipping norm; &gt; 0
     */
    public record NoiseMultiplier(double value) implements Noise {
        public NoiseMultiplier {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw Checks.argument("noiseMultiplier").mustBe("a finite number > 0").got(value)
                        .fix("Use a noise multiplier such as 1.1, or targetEpsilon(...) to have it calibrated.").exception();
            }
        }

        @Override
        public String toString() {
            return "noiseMultiplier " + value;
        }
    }

    /**
     * A target epsilon: the noise multiplier is the smallest (rounded up) whose epsilon after all
     * steps is at most this.
     *
     * @param epsilon the target, finite and &gt; 0
     */
    public record TargetEpsilon(double epsilon) implements Noise {
        public TargetEpsilon {
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw Checks.argument("targetEpsilon").mustBe("a finite number > 0").got(epsilon)
                        .fix("Give the epsilon the run may spend, e.g. 3.0.").exception();
            }
        }

        @Override
        public String toString() {
            return "targetEpsilon " + epsilon;
        }
    }

    /** How large batches are. */
    public sealed interface Batch permits ExpectedBatchSize, SamplingRate {
    }

    /**
     * An expected batch size b: the sampling rate is b / n.
     *
     * @param value b, at least 1
     */
    public record ExpectedBatchSize(int value) implements Batch {
        public ExpectedBatchSize {
            if (value < 1) {
                throw Checks.argument("expectedBatchSize").mustBe("at least 1").got(value)
                        .fix("Give the average number of examples per step, e.g. 256.").exception();
            }
        }

        @Override
        public String toString() {
            return "expectedBatchSize " + value;
        }
    }

    /**
     * A sampling rate q: each example joins each batch with probability q.
     *
     * @param value q in (0, 1]
     */
    public record SamplingRate(double value) implements Batch {
        public SamplingRate {
            if (!(value > 0 && value <= 1)) {
                throw Checks.argument("samplingRate").mustBe("in (0, 1]").got(value)
                        .fix("Give the probability that an example joins a batch, e.g. 256 / 60000.").exception();
            }
        }

        @Override
        public String toString() {
            return "samplingRate " + value;
        }
    }

    /** How long the run is. */
    public sealed interface Length permits Steps, Epochs {
    }

    /**
     * A number of noisy steps.
     *
     * @param value at least 1
     */
    public record Steps(long value) implements Length {
        public Steps {
            if (value < 1) {
                throw Checks.argument("steps").mustBe("at least 1").got(value)
                        .fix("Give the number of noisy steps the training will take.").exception();
            }
        }

        @Override
        public String toString() {
            return "steps " + value;
        }
    }

    /**
     * A number of epochs: steps = ceil(epochs / samplingRate).
     *
     * @param value finite and &gt; 0
     */
    public record Epochs(double value) implements Length {
        public Epochs {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw Checks.argument("epochs").mustBe("a finite number > 0").got(value)
                        .fix("Give the number of passes over the data, e.g. 10.").exception();
            }
        }

        @Override
        public String toString() {
            return "epochs " + value;
        }
    }

    /** How each step's batch is drawn. */
    public enum BatchSampling {
        /**
         * Each example joins each batch independently with probability q (variable batch size,
         * possibly empty): what the privacy accounting assumes. The default.
         */
        POISSON,
        /**
         * A fresh permutation per epoch cut into fixed-size batches. Accounted without amplification
         * by sampling (each step as a Gaussian mechanism on the whole dataset), which is valid but
         * gives a much larger epsilon: see {@link ShuffledBatches}.
         */
        SHUFFLED
    }

    /** The accountant that turns the run's events into epsilon. */
    public enum Accountant {
        /** Privacy loss distributions (tight). The default. */
        PLD,
        /** Renyi differential privacy (fast, looser). */
        RDP
    }

    /** Builds a {@link DpSgdConfig}; {@link #build()} reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private Noise noise;
        private Double delta;
        private Double clippingNorm;
        private Batch batch;
        private Length length;
        private BatchSampling sampling = BatchSampling.POISSON;
        private Integer maxPhysicalBatchSize = DEFAULT_MAX_PHYSICAL_BATCH_SIZE;
        private Accountant accountant = Accountant.PLD;
        private final Problems early = Problems.of("DpSgdConfig");

        private Builder() {
        }

        /** A given noise multiplier sigma (noise standard deviation over the clipping norm). */
        public Builder noiseMultiplier(double sigma) {
            early.capture(() -> setNoise(new NoiseMultiplier(sigma)));
            return this;
        }

        /** A target epsilon: the noise multiplier is calibrated so the whole run spends at most this. */
        public Builder targetEpsilon(double epsilon) {
            early.capture(() -> setNoise(new TargetEpsilon(epsilon)));
            return this;
        }

        private void setNoise(Noise n) {
            if (noise != null && !noise.equals(n)) {
                throw Checks.argument("noise").mustBe("set once").got(noise + " and " + n)
                        .fix("Give either a noise multiplier or a target epsilon, not both.").exception();
            }
            noise = n;
        }

        /** The delta of the guarantee. */
        public Builder delta(double delta) {
            this.delta = delta;
            return this;
        }

        /** The per-example L2 clipping norm C. */
        public Builder clippingNorm(double clippingNorm) {
            this.clippingNorm = clippingNorm;
            return this;
        }

        /** The expected batch size b (sampling rate b / n). */
        public Builder expectedBatchSize(int size) {
            early.capture(() -> setBatch(new ExpectedBatchSize(size)));
            return this;
        }

        /** The sampling rate q. */
        public Builder samplingRate(double rate) {
            early.capture(() -> setBatch(new SamplingRate(rate)));
            return this;
        }

        private void setBatch(Batch b) {
            if (batch != null && !batch.equals(b)) {
                throw Checks.argument("batch").mustBe("set once").got(batch + " and " + b)
                        .fix("Give either an expected batch size or a sampling rate, not both.").exception();
            }
            batch = b;
        }

        /** The number of noisy steps. */
        public Builder steps(long steps) {
            early.capture(() -> setLength(new Steps(steps)));
            return this;
        }

        /** The number of epochs (steps = ceil(epochs / q)). */
        public Builder epochs(double epochs) {
            early.capture(() -> setLength(new Epochs(epochs)));
            return this;
        }

        private void setLength(Length l) {
            if (length != null && !length.equals(l)) {
                throw Checks.argument("length").mustBe("set once").got(length + " and " + l)
                        .fix("Give either steps or epochs, not both.").exception();
            }
            length = l;
        }

        /** How batches are drawn; default {@link BatchSampling#POISSON}. */
        public Builder sampling(BatchSampling sampling) {
            this.sampling = sampling;
            return this;
        }

        /** The most examples processed at once; default {@value #DEFAULT_MAX_PHYSICAL_BATCH_SIZE}. */
        public Builder maxPhysicalBatchSize(int size) {
            this.maxPhysicalBatchSize = size;
            return this;
        }

        /** The accountant; default {@link Accountant#PLD}. */
        public Builder accountant(Accountant accountant) {
            this.accountant = accountant;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws io.privkit.common.InvalidArgumentsException listing every problem
         */
        public DpSgdConfig build() {
            Problems p = Problems.of("DpSgdConfig");
            early.list().forEach(p::add);
            if (early.isEmpty()) {
                validate(p, noise, delta, clippingNorm, batch, length, sampling, maxPhysicalBatchSize, accountant);
            } else {
                // Report the remaining fields' problems too, skipping those already reported.
                Problems rest = Problems.of("DpSgdConfig");
                validate(rest, noise, delta, clippingNorm, batch, length, sampling, maxPhysicalBatchSize, accountant);
                java.util.Set<String> reported = new java.util.HashSet<>();
                early.list().forEach(a -> reported.add(a.input()));
                for (var a : rest.list()) {
                    boolean alreadyCovered = reported.contains(a.input())
                            || (a.input().equals("noise") && (reported.contains("noiseMultiplier") || reported.contains("targetEpsilon")))
                            || (a.input().equals("batch") && (reported.contains("expectedBatchSize") || reported.contains("samplingRate")))
                            || (a.input().equals("length") && (reported.contains("steps") || reported.contains("epochs")));
                    if (!alreadyCovered) {
                        p.add(a);
                    }
                }
            }
            p.throwIfAny();
            return new DpSgdConfig(noise, delta, clippingNorm, batch, length, sampling, maxPhysicalBatchSize, accountant);
        }
    }
}
