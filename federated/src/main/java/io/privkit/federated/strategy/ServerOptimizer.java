package io.privkit.federated.strategy;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import java.util.HashMap;
import java.util.Map;

/**
 * How the coordinator moves the global model {@code x} with the round's combined update
 * {@code Δ} (a pseudo-gradient: the mean of local-minus-global deltas).
 *
 * <ul>
 *   <li>{@link Sgd}: {@code x ← x + η Δ}; with {@code η = 1} this is FedAvg (McMahan, Moore,
 *       Ramage, Hampson, Agüera y Arcas, "Communication-Efficient Learning of Deep Networks from
 *       Decentralized Data", AISTATS 2017).</li>
 *   <li>{@link Adagrad}, {@link Adam}, {@link Yogi}: the adaptive server optimisers of Reddi,
 *       Charles, Zaheer, Garrett, Rush, Konečný, Kumar, McMahan, "Adaptive Federated
 *       Optimization", ICLR 2021, Algorithm 2, per coordinate:
 *       <pre>
 *   m_t = β1 m_{t-1} + (1 - β1) Δ_t                       (m_{-1} = 0)
 *   Adagrad: v_t = v_{t-1} + Δ_t²                          (v_{-1} = τ²)
 *   Yogi:    v_t = v_{t-1} - (1 - β2) Δ_t² sign(v_{t-1} - Δ_t²)
 *   Adam:    v_t = β2 v_{t-1} + (1 - β2) Δ_t²
 *   x_{t+1} = x_t + η m_t / (√v_t + τ)</pre>
 *       There is no bias correction (the paper's algorithm has none). τ controls the degree of
 *       adaptivity; the paper uses β1 = 0.9, β2 = 0.99 and tunes τ and η.</li>
 * </ul>
 *
 * <p>The records are configuration only; the moments live in the strategy's
 * {@link StrategyState} (vectors {@code m}, {@code v}) so they survive a coordinator restart.
 */
public sealed interface ServerOptimizer {

    /** A short name for evidence and progress lines. */
    String name();

    /**
     * One server step: returns {@code x_{t+1}} and writes the new moments into {@code next}
     * (leaves {@code previous} unchanged: check, then commit).
     */
    double[] step(double[] x, double[] delta, Map<String, double[]> previous, Map<String, double[]> next);

    /** Plain server SGD: {@code x ← x + η Δ}. {@code η = 1} is FedAvg. */
    record Sgd(double learningRate) implements ServerOptimizer {
        public Sgd {
            Checks.requirePositive(learningRate, "server learningRate");
        }

        @Override
        public String name() {
            return learningRate == 1.0 ? "sgd" : "sgd(lr=" + learningRate + ")";
        }

        @Override
        public double[] step(double[] x, double[] delta, Map<String, double[]> previous, Map<String, double[]> next) {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] + learningRate * delta[i];
            }
            return out;
        }
    }

    /**
     * FedAdagrad.
     *
     * @param learningRate η
     * @param beta1        momentum β1 in [0, 1)
     * @param tau          adaptivity τ &gt; 0
     */
    record Adagrad(double learningRate, double beta1, double tau) implements ServerOptimizer {
        public Adagrad {
            Checks.requirePositive(learningRate, "learningRate");
            Checks.requireIn(beta1, "beta1", Interval.closedOpen(0, 1));
            Checks.requirePositive(tau, "tau");
        }

        /** η = 0.1, β1 = 0.9, τ = 1e-3. */
        public static Adagrad withDefaults() {
            return new Adagrad(0.1, 0.9, 1e-3);
        }

        @Override
        public String name() {
            return "fedadagrad";
        }

        @Override
        public double[] step(double[] x, double[] delta, Map<String, double[]> previous, Map<String, double[]> next) {
            return adaptiveStep(x, delta, previous, next, learningRate, beta1, tau, (v, d2) -> v + d2);
        }
    }

    /**
     * FedAdam.
     *
     * @param learningRate η
     * @param beta1        β1 in [0, 1)
     * @param beta2        β2 in [0, 1)
     * @param tau          τ &gt; 0
     */
    record Adam(double learningRate, double beta1, double beta2, double tau) implements ServerOptimizer {
        public Adam {
            Checks.requirePositive(learningRate, "learningRate");
            Checks.requireIn(beta1, "beta1", Interval.closedOpen(0, 1));
            Checks.requireIn(beta2, "beta2", Interval.closedOpen(0, 1));
            Checks.requirePositive(tau, "tau");
        }

        /** η = 0.1, β1 = 0.9, β2 = 0.99, τ = 1e-3. */
        public static Adam withDefaults() {
            return new Adam(0.1, 0.9, 0.99, 1e-3);
        }

        @Override
        public String name() {
            return "fedadam";
        }

        @Override
        public double[] step(double[] x, double[] delta, Map<String, double[]> previous, Map<String, double[]> next) {
            return adaptiveStep(x, delta, previous, next, learningRate, beta1, tau, (v, d2) -> beta2 * v + (1 - beta2) * d2);
        }
    }

    /**
     * FedYogi.
     *
     * @param learningRate η
     * @param beta1        β1 in [0, 1)
     * @param beta2        β2 in [0, 1)
     * @param tau          τ &gt; 0
     */
    record Yogi(double learningRate, double beta1, double beta2, double tau) implements ServerOptimizer {
        public Yogi {
            Checks.requirePositive(learningRate, "learningRate");
            Checks.requireIn(beta1, "beta1", Interval.closedOpen(0, 1));
            Checks.requireIn(beta2, "beta2", Interval.closedOpen(0, 1));
            Checks.requirePositive(tau, "tau");
        }

        /** η = 0.1, β1 = 0.9, β2 = 0.99, τ = 1e-3. */
        public static Yogi withDefaults() {
            return new Yogi(0.1, 0.9, 0.99, 1e-3);
        }

        @Override
        public String name() {
            return "fedyogi";
        }

        @Override
        public double[] step(double[] x, double[] delta, Map<String, double[]> previous, Map<String, double[]> next) {
            return adaptiveStep(x, delta, previous, next, learningRate, beta1, tau,
                    (v, d2) -> v - (1 - beta2) * d2 * Math.signum(v - d2));
        }
    }

    /** The second-moment rule {@code v_t = f(v_{t-1}, Δ_t²)}. */
    @FunctionalInterface
    interface SecondMoment {
        double next(double v, double deltaSquared);
    }

    private static double[] adaptiveStep(double[] x, double[] delta, Map<String, double[]> previous, Map<String, double[]> next,
                                         double eta, double beta1, double tau, SecondMoment rule) {
        int d = x.length;
        double[] m0 = previous.get("m");
        double[] v0 = previous.get("v");
        if (m0 == null || m0.length != d) {
            m0 = new double[d];
        }
        if (v0 == null || v0.length != d) {
            v0 = new double[d];
            java.util.Arrays.fill(v0, tau * tau);
        }
        double[] m = new double[d];
        double[] v = new double[d];
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double g = delta[i];
            m[i] = beta1 * m0[i] + (1 - beta1) * g;
            v[i] = rule.next(v0[i], g * g);
            out[i] = x[i] + eta * m[i] / (Math.sqrt(v[i]) + tau);
        }
        Map<String, double[]> n = new HashMap<>();
        n.put("m", m);
        n.put("v", v);
        next.putAll(n);
        return out;
    }
}
