package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.noise.ExactBernoulli;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The exponential mechanism (F. McSherry and K. Talwar, "Mechanism Design via Differential
 * Privacy", FOCS 2007): selects candidate c with probability ∝ exp(ε·u(c)/(2Δu)), where Δu bounds
 * how much one unit can change any candidate's utility; ε-DP. When every utility can only move in
 * the same direction between neighbours ({@link Sensitivity#MONOTONE}), the factor 2 is dropped.
 *
 * <p><b>Sampling, exactly.</b> Rejection from the uniform distribution: draw a candidate uniformly
 * and accept it with probability exp(−γ) for the exact rational γ = ε(u<sub>max</sub> − u(c))/(2Δu),
 * by Canonne, Kamath and Steinke's exact Bernoulli(exp(−γ)) ({@link ExactBernoulli}). The accepted
 * candidate has exactly the exponential mechanism's distribution; no floating-point rounding is
 * involved (unlike exp-and-normalise or Gumbel-max on doubles, which Ilvento, "Implementing the
 * Exponential Mechanism with Base-2 Differential Privacy", CCS 2020, shows can leak). The expected
 * number of draws is k / Σ exp(−γ<sub>c</sub>) ≤ k for k candidates.
 *
 * <p>Immutable and thread-safe (given a thread-safe {@link Randomness}).
 */
public final class ExponentialMechanism {
    /** Whether utilities can move in both directions between neighbours. */
    public enum Sensitivity {
        /** General case: probability ∝ exp(ε u / (2Δu)). */
        GENERAL,
        /** Utilities all move the same way between neighbours: probability ∝ exp(ε u / Δu). */
        MONOTONE
    }

    private final double epsilon;
    private final double utilitySensitivity;
    private final Sensitivity sensitivity;

    private ExponentialMechanism(double epsilon, double utilitySensitivity, Sensitivity sensitivity) {
        this.epsilon = epsilon;
        this.utilitySensitivity = utilitySensitivity;
        this.sensitivity = sensitivity;
    }

    /** An ε-DP selection with utilities of sensitivity Δu (general case). */
    public static ExponentialMechanism of(double epsilon, double utilitySensitivity) {
        return of(epsilon, utilitySensitivity, Sensitivity.GENERAL);
    }

    /** An ε-DP selection with utilities of sensitivity Δu. */
    public static ExponentialMechanism of(double epsilon, double utilitySensitivity, Sensitivity sensitivity) {
        Checks.requirePositive(epsilon, "epsilon", "Give the privacy parameter epsilon > 0, e.g. 1.0.");
        Checks.requirePositive(utilitySensitivity, "utilitySensitivity",
                "Give the most one unit can change any candidate's utility.");
        Checks.requireNonNull(sensitivity, "sensitivity");
        return new ExponentialMechanism(epsilon, utilitySensitivity, sensitivity);
    }

    /** The privacy event of one selection: pure ε-DP. */
    public DpEvent event() {
        return DpEvent.epsilonDelta(epsilon, 0);
    }

    /**
     * Selects one candidate.
     *
     * @throws IllegalArgumentException if there are no candidates or a utility is not finite
     */
    public <C> Release<C> select(List<C> candidates, ToDoubleFunction<? super C> utility, Randomness random) {
        Checks.requireNonEmpty(candidates, "candidates");
        Checks.requireNonNull(utility, "utility");
        Checks.requireNonNull(random, "random");
        double[] u = new double[candidates.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < u.length; i++) {
            u[i] = utility.applyAsDouble(candidates.get(i));
            if (!Double.isFinite(u[i])) {
                throw Checks.argument("utility(candidates[" + i + "])").mustBe("finite").got(u[i])
                        .fix("Utilities must be finite numbers, e.g. minus a count distance.").exception();
            }
            max = Math.max(max, u[i]);
        }
        return new Release<>(candidates.get(selectIndex(u, max, random)), event());
    }

    /** Selects an index given utilities (finite) and their maximum. */
    int selectIndex(double[] utilities, double max, Randomness random) {
        BigDecimal[] exact = new BigDecimal[utilities.length];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = new BigDecimal(utilities[i]);
        }
        return selectIndex(exact, random);
    }

    /** Selects an index given exact utilities. */
    int selectIndex(BigDecimal[] utilities, Randomness random) {
        BigDecimal top = utilities[0];
        for (BigDecimal u : utilities) {
            top = top.max(u);
        }
        BigDecimal eps = new BigDecimal(epsilon);
        BigDecimal scale = new BigDecimal(utilitySensitivity).multiply(BigDecimal.valueOf(sensitivity == Sensitivity.GENERAL ? 2 : 1));
        while (true) {
            int i = random.nextInt(utilities.length);
            BigDecimal gap = top.subtract(utilities[i]);
            if (ExactBernoulli.expMinusRatio(eps.multiply(gap), scale, random)) {
                return i;
            }
        }
    }

    /** ε. */
    public double epsilon() {
        return epsilon;
    }
}
