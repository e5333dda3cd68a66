package io.privkit.dp.noise;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.math.BigInteger;

/**
 * Exact sampler of the discrete Gaussian distribution on the integers,
 * N<sub>ℤ</sub>(0, σ²): P(x) = e<sup>−x²/(2σ²)</sup> / Σ<sub>y∈ℤ</sub> e<sup>−y²/(2σ²)</sup>, for a
 * rational σ².
 *
 * <p><b>Method.</b> Algorithm 3 of C. Canonne, G. Kamath and T. Steinke, "The Discrete Gaussian
 * for Differential Privacy", NeurIPS 2020 (arXiv:2004.00010): with t = ⌊σ⌋ + 1, draw Y from the
 * discrete Laplace of scale t ({@link DiscreteLaplaceSampler}) and accept it with probability
 * exp(−(|Y| − σ²/t)²/(2σ²)), drawn exactly by Bernoulli(exp(−γ)) with the rational
 * γ = (|Y|·t·d − n)² / (2·n·t²·d) for σ² = n/d. Only integer arithmetic is used. The acceptance
 * probability is at least about 0.56 (their Proposition 26), so the expected number of iterations
 * is below 2.
 *
 * <p><b>Privacy.</b> Adding N<sub>ℤ</sub>(0, σ²) to an integer query of L2 sensitivity Δ gives
 * (Δ²/(2σ²))-zCDP, Rényi DP α·Δ²/(2σ²) at every order α (their Theorem 4), the same as the
 * continuous Gaussian. Privkit's accountants handle the event
 * {@link io.privkit.dp.accounting.DpEvent.DiscreteGaussian}.
 *
 * <p><b>Limits.</b> A rejection sampler: the running time varies with the value drawn (Jin et al.,
 * IEEE S&amp;P 2022). Use {@link VectorGaussianNoise} for millions of coordinates.
 *
 * <p>Immutable; thread-safe if the {@link Randomness} passed in is.
 */
public final class DiscreteGaussianSampler {
    private final Rational sigmaSquared;
    private final BigInteger n;
    private final BigInteger d;
    private final BigInteger t;
    private final DiscreteLaplaceSampler proposal;
    private final BigInteger twoNTSquaredD;

    private DiscreteGaussianSampler(Rational sigmaSquared) {
        this.sigmaSquared = sigmaSquared;
        this.n = sigmaSquared.numerator();
        this.d = sigmaSquared.denominator();
        this.t = sigmaSquared.floor().sqrt().add(BigInteger.ONE);
        this.proposal = DiscreteLaplaceSampler.withScale(new Rational(t, BigInteger.ONE));
        this.twoNTSquaredD = BigInteger.TWO.multiply(n).multiply(t).multiply(t).multiply(d);
    }

    /** A sampler with scale σ, taken exactly (σ² is the exact square of the double σ). */
    public static DiscreteGaussianSampler withSigma(double sigma) {
        Checks.requirePositive(sigma, "sigma", "Give the discrete Gaussian's scale σ > 0.");
        Rational s = Rational.of(sigma);
        return new DiscreteGaussianSampler(s.multiply(s));
    }

    /** A sampler with σ² = numerator / denominator exactly. */
    public static DiscreteGaussianSampler withSigmaSquared(long numerator, long denominator) {
        Checks.requirePositive(numerator, "numerator");
        Checks.requirePositive(denominator, "denominator");
        return new DiscreteGaussianSampler(Rational.of(numerator, denominator));
    }

    static DiscreteGaussianSampler withSigmaSquared(Rational sigmaSquared) {
        return new DiscreteGaussianSampler(sigmaSquared);
    }

    /** σ², rounded down to a double. */
    public double sigmaSquared() {
        return sigmaSquared.toDoubleFloor();
    }

    /** σ, rounded down to a double. */
    public double sigma() {
        return Math.nextDown(Math.sqrt(sigmaSquared.toDoubleCeiling()));
    }

    /** Draws one value. */
    public long sample(Randomness random) {
        Checks.requireNonNull(random, "random");
        while (true) {
            long y = proposal.sample(random);
            BigInteger diff = BigInteger.valueOf(Math.abs(y)).multiply(t).multiply(d).subtract(n);
            if (ExactSampling.bernoulliExp(diff.multiply(diff), twoNTSquaredD, random)) {
                return y;
            }
        }
    }

    @Override
    public String toString() {
        return "DiscreteGaussianSampler[sigma^2=" + sigmaSquared + "]";
    }
}
