package io.privkit.federated.secagg;

import io.privkit.common.Checks;
import io.privkit.common.Interval;

/**
 * Parameters of secure aggregation (Bonawitz et al. 2017, see {@link SecAggProtocol}).
 *
 * <p>Each client clips its update to L2 norm {@code clipRange} (so every coordinate lies in
 * {@code [-clipRange, clipRange]}), multiplies it by its integer weight {@code w ∈ [1, maxWeight]}
 * and encodes it in fixed point with {@code 2^f} steps per unit in the ring {@code Z/2^ringBits};
 * the weight itself is appended as one more element. {@code f} is the largest number of fraction
 * bits for which the sum of {@code n} such vectors cannot wrap around:
 * {@code n · maxWeight · max(clipRange, 1) · 2^f < 2^(ringBits - 2)}. The threshold is
 * {@code t = max(2, ⌈thresholdFraction · n⌉)} of the {@code n} sampled clients: the sum is
 * recovered while at least {@code t} clients survive to the end; the coordinator learns nothing
 * about an individual update unless it colludes with {@code t} or more clients (honest-but-curious
 * setting of the paper).
 *
 * @param thresholdFraction the threshold as a fraction of the sampled clients, in (0.5, 1]
 * @param ringBits          32 or 64
 * @param clipRange         the L2 clipping norm (and so the per-coordinate range)
 * @param maxWeight         the largest integer weight (1 for uniform weighting)
 */
public record SecureAggregationConfig(double thresholdFraction, int ringBits, double clipRange, int maxWeight) {

    public SecureAggregationConfig {
        Checks.requireIn(thresholdFraction, "thresholdFraction", Interval.openClosed(0.5, 1),
                "Use 2/3: it survives a third of the clients dropping out.");
        if (ringBits != 32 && ringBits != 64) {
            throw Checks.argument("ringBits").mustBe("32 or 64").got(ringBits).fix("Use 64 unless bandwidth is tight.").exception();
        }
        Checks.requirePositive(clipRange, "clipRange", "Clip updates to a norm a little above a healthy client's, e.g. 1.0.");
        if (maxWeight < 1 || maxWeight > 1_000_000) {
            throw Checks.argument("maxWeight").mustBe("between 1 and 1000000").got(maxWeight)
                    .fix("Use 1 for uniform weighting, or a cap such as 1000 on local examples.").exception();
        }
    }

    /** Threshold 2/3, ring 2^64, uniform weights, clipping at {@code clipRange}. */
    public static SecureAggregationConfig withClipRange(double clipRange) {
        return new SecureAggregationConfig(2.0 / 3.0, 64, clipRange, 1);
    }

    /** The same with another ring size. */
    public SecureAggregationConfig withRingBits(int bits) {
        return new SecureAggregationConfig(thresholdFraction, bits, clipRange, maxWeight);
    }

    /** The same with another maximum weight. */
    public SecureAggregationConfig withMaxWeight(int w) {
        return new SecureAggregationConfig(thresholdFraction, ringBits, clipRange, w);
    }

    /** The same with another threshold fraction. */
    public SecureAggregationConfig withThresholdFraction(double f) {
        return new SecureAggregationConfig(f, ringBits, clipRange, maxWeight);
    }

    /** The threshold for {@code n} sampled clients: {@code max(2, ⌈fraction · n⌉)}, at most {@code n}. */
    public int threshold(int n) {
        Checks.requirePositive(n, "n");
        return Math.min(n, Math.max(2, (int) Math.ceil(thresholdFraction * n - 1e-9)));
    }

    /**
     * The fixed-point fraction bits for {@code n} clients: the largest {@code f ≤ 52} with
     * {@code n · maxWeight · clipRange · 2^f < 2^(ringBits - 2)}.
     *
     * @throws IllegalArgumentException when fewer than 8 fraction bits would remain
     */
    public int fractionBits(int n) {
        Checks.requirePositive(n, "n");
        // The weight element w·2^f must fit too: use max(clipRange, 1).
        double headroom = (ringBits - 2) - (Math.log(n) + Math.log(maxWeight) + Math.log(Math.max(clipRange, 1.0))) / Math.log(2);
        int f = (int) Math.floor(headroom - 1e-9);
        if (f > 52) {
            f = 52;
        }
        if (f < 8) {
            throw Checks.argument("secure aggregation ring").mustBe("wide enough for at least 8 fraction bits").got(
                    ringBits + " bits for " + n + " clients, max weight " + maxWeight + ", clip range " + clipRange)
                    .fix("Use ringBits 64, a smaller maxWeight or a smaller clip range.").exception();
        }
        return f;
    }
}
