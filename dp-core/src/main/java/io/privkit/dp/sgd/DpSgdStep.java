package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.Interval;

/**
 * The privacy event of one DP-SGD step, as the accountant sees it: a Gaussian mechanism with
 * noise multiplier {@code noiseMultiplier} on the sum of clipped per-example gradients (L2
 * sensitivity = the clipping norm under add/remove-one), run on a batch drawn by
 * {@code accountedSampling}.
 *
 * @param noiseMultiplier   sigma, &gt; 0
 * @param samplingRate      q, the Poisson inclusion probability; 1 when no amplification is claimed
 * @param accountedSampling the sampling the accountant assumes
 */
public record DpSgdStep(double noiseMultiplier, double samplingRate, AccountedSampling accountedSampling) {

    public DpSgdStep {
        Checks.requirePositive(noiseMultiplier, "noiseMultiplier");
        Checks.requireIn(samplingRate, "samplingRate", Interval.openClosed(0, 1));
        Checks.requireNonNull(accountedSampling, "accountedSampling");
        if (accountedSampling == AccountedSampling.NO_AMPLIFICATION && samplingRate != 1.0) {
            throw Checks.argument("samplingRate").mustBe("1 when no amplification is claimed").got(samplingRate).noFix().exception();
        }
    }

    /** A Poisson-sampled step. */
    public static DpSgdStep poisson(double noiseMultiplier, double samplingRate) {
        return new DpSgdStep(noiseMultiplier, samplingRate, AccountedSampling.POISSON);
    }

    /** A step accounted as a Gaussian mechanism on the whole dataset (valid for any batch sampling). */
    public static DpSgdStep withoutAmplification(double noiseMultiplier) {
        return new DpSgdStep(noiseMultiplier, 1.0, AccountedSampling.NO_AMPLIFICATION);
    }

    /** The same sampling with another noise multiplier. */
    public DpSgdStep withNoiseMultiplier(double sigma) {
        return new DpSgdStep(sigma, samplingRate, accountedSampling);
    }

    /** The sampling the accountant assumes. */
    public enum AccountedSampling {
        /** Each example included independently with probability q (amplification by sampling). */
        POISSON,
        /** No amplification: the step is a Gaussian mechanism on the whole dataset. */
        NO_AMPLIFICATION
    }
}
