package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.common.Interval;

/**
 * Client-level differential privacy for DP-FedAvg (McMahan, Ramage, Talwar, Zhang, "Learning
 * Differentially Private Recurrent Language Models", ICLR 2018), optionally with adaptive clipping
 * (Andrew, Thakkar, McMahan, Ramaswamy, "Differentially Private Learning with Adaptive Clipping",
 * NeurIPS 2021).
 *
 * <p>Each round the coordinator clips every client's update to L2 norm {@code C}, sums the clipped
 * updates, adds Gaussian noise of standard deviation {@code z · C} and divides by the expected
 * number of clients {@code q N} (a fixed denominator, so the count of participants stays private).
 * Neighbouring datasets differ in one client's entire data (add/remove one client); the privacy
 * loss over the rounds is that of the Poisson-subsampled Gaussian mechanism with noise multiplier
 * {@code z} and sampling rate {@code q}.
 *
 * <p><b>Adaptive clipping</b>: with a target quantile {@code γ}, each round the coordinator also
 * releases the noisy fraction {@code b̃ = (Σ_k 1[||Δ_k|| ≤ C] + N(0, σ_b²)) / (q N)} of clients
 * under the clip and sets {@code C ← C · exp(-η (b̃ - γ))}. The count is a second Gaussian query;
 * to keep the total noise multiplier at {@code z}, the update noise uses
 * {@code z_Δ = (z^-2 - (2 σ_b)^-2)^(-1/2)} (Andrew et al., Theorem 1), which needs
 * {@code σ_b > 1/(2z)}.
 *
 * @param noiseMultiplier  z, the noise standard deviation over the clipping norm
 * @param clipNorm         the (initial) clipping norm C
 * @param delta            the δ at which epsilon is reported
 * @param adaptive         adaptive clipping, or null for a fixed clip
 */
public record ClientDpConfig(double noiseMultiplier, double clipNorm, double delta, AdaptiveClipping adaptive) {

    public ClientDpConfig {
        Checks.requirePositive(noiseMultiplier, "noiseMultiplier", "Use about 1.0 with thousands of clients per round.");
        Checks.requirePositive(clipNorm, "clipNorm", "Start near the median update norm, or use adaptive clipping.");
        Checks.requireIn(delta, "delta", Interval.open(0, 1), "Use a delta well below 1 / (number of clients).");
        if (adaptive != null && adaptive.countNoiseStddev() <= 1 / (2 * noiseMultiplier)) {
            throw Checks.argument("adaptive.countNoiseStddev").mustBe("> 1 / (2 noiseMultiplier) = " + 1 / (2 * noiseMultiplier))
                    .got(adaptive.countNoiseStddev()).fix("Raise the count noise or the noise multiplier.").exception();
        }
    }

    /** A fixed clip. */
    public static ClientDpConfig fixed(double noiseMultiplier, double clipNorm, double delta) {
        return new ClientDpConfig(noiseMultiplier, clipNorm, delta, null);
    }

    /** The same with adaptive clipping. */
    public ClientDpConfig with(AdaptiveClipping a) {
        return new ClientDpConfig(noiseMultiplier, clipNorm, delta, Checks.requireNonNull(a, "adaptive"));
    }

    /**
     * The noise multiplier on the update sum: {@code z} with a fixed clip, otherwise
     * {@code (z^-2 - (2 σ_b)^-2)^(-1/2)}.
     */
    public double updateNoiseMultiplier() {
        if (adaptive == null) {
            return noiseMultiplier;
        }
        double inv = 1 / (noiseMultiplier * noiseMultiplier) - 1 / (4 * adaptive.countNoiseStddev() * adaptive.countNoiseStddev());
        return 1 / Math.sqrt(inv);
    }

    /**
     * Adaptive clipping parameters (Andrew et al. 2021). Defaults follow the paper and TF Privacy:
     * target quantile 0.5, learning rate 0.2, count noise {@code expectedClients / 20}.
     *
     * @param targetQuantile    γ, the fraction of updates that should fall under the clip
     * @param learningRate      η of the geometric update
     * @param countNoiseStddev  σ_b, the noise on the count of unclipped updates
     */
    public record AdaptiveClipping(double targetQuantile, double learningRate, double countNoiseStddev) {
        public AdaptiveClipping {
            Checks.requireIn(targetQuantile, "targetQuantile", Interval.open(0, 1), "Use 0.5 (the median).");
            Checks.requirePositive(learningRate, "learningRate", "Use 0.2.");
            Checks.requirePositive(countNoiseStddev, "countNoiseStddev", "Use expected clients per round / 20.");
        }

        /** γ = 0.5, η = 0.2, σ_b = expectedClientsPerRound / 20. */
        public static AdaptiveClipping withDefaults(double expectedClientsPerRound) {
            return new AdaptiveClipping(0.5, 0.2, Checks.requirePositive(expectedClientsPerRound, "expectedClientsPerRound") / 20);
        }
    }
}
