package io.privkit.fairness.mitigation;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exponentiated-gradient reduction of A. Agarwal, A. Beygelzimer, M. Dudik, J. Langford and
 * H. Wallach, "A Reductions Approach to Fair Classification", ICML 2018 (Algorithm 1): fair
 * classification under linear constraints {@code M gamma(h) <= c} as a saddle point of the
 * Lagrangian {@code L(Q, lambda) = err(Q) + lambda' (M gamma(Q) - c)}, found by a game between a
 * learner that best-responds with a cost-sensitive classifier and an exponentiated-gradient
 * player for the multipliers.
 *
 * <p>Each iteration: {@code lambda_k = B exp(theta_k) / (1 + sum_k' exp(theta_k'))};
 * {@code h_t = BEST_h(lambda_t)} trained by the {@link WeightedLearner} on labels
 * {@code z_i = 1[C1_i < C0_i]} with weights {@code |C1_i - C0_i|}, where {@code C1_i - C0_i =
 * (1 - 2 y_i) / n + sum_k lambda_k (M g_i)_k} and {@code g_i} is example i's contribution to the
 * moments; then {@code Qhat_t} and {@code lambdahat_t} are the averages of the {@code h} and
 * {@code lambda} so far, the duality gap
 * {@code max(L(Qhat, BEST_lambda(Qhat)) - L(Qhat, lambdahat), L(Qhat, lambdahat) - L(BEST_h(lambdahat), lambdahat))}
 * is checked against {@code nu}, and {@code theta += eta (M gamma(h_t) - c)}. The moments are those
 * of {@link FairnessConstraint}, each with slack {@code epsilon} on both sides; {@code B = 1/epsilon}
 * and {@code eta = eta0 / B}. The result is the averaged classifier of the iteration with the
 * smallest gap.
 *
 * <p>The result is a <b>randomised</b> classifier (a mixture of the classifiers found): an
 * individual's decision can depend on a random draw, which a DPIA reader must be told
 * ({@link RandomizedClassifier}). Like all in-processing methods here, it needs the sensitive
 * attribute at training time only.
 *
 * <p>Immutable and thread-safe (the learner is called from the calling thread).
 */
public final class ExponentiatedGradient {
    private final FairnessConstraint constraint;
    private final double epsilon;
    private final int maxIterations;
    private final double eta0;
    private final Double nu;

    private ExponentiatedGradient(Builder b) {
        this.constraint = b.constraint;
        this.epsilon = b.epsilon;
        this.maxIterations = b.maxIterations;
        this.eta0 = b.eta0;
        this.nu = b.nu;
    }

    /** A builder; {@link Builder#build()} reports every problem at once. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters as text for the evidence. */
    public Map<String, String> parameters() {
        Map<String, String> p = new TreeMap<>();
        p.put("constraint", constraint.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        p.put("epsilon", Double.toString(epsilon));
        p.put("bound-B", Double.toString(1 / epsilon));
        p.put("max-iterations", Integer.toString(maxIterations));
        p.put("eta0", Double.toString(eta0));
        p.put("nu", nu == null ? "auto" : Double.toString(nu));
        return p;
    }

    /**
     * Trains the randomised classifier.
     *
     * @param features training features
     * @param labels   training labels, 0 or 1
     * @param groups   each example's sensitive group
     * @param learner  the weighted learner used for every best response
     */
    public <X> RandomizedClassifier<X> fit(List<X> features, int[] labels, String[] groups, WeightedLearner<X> learner) {
        Checks.requireNonNull(features, "features");
        Checks.requireNonNull(labels, "labels");
        Checks.requireNonNull(groups, "groups");
        Checks.requireNonNull(learner, "learner");
        int n = labels.length;
        if (features.size() != n || groups.length != n || n == 0) {
            throw Checks.argument("features, labels, groups").mustBe("non-empty and of one length").got(features.size() + ", " + n + ", "
                    + groups.length).noFix().exception();
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw Checks.argument("labels[" + i + "]").mustBe("0 or 1").got(labels[i]).noFix().exception();
            }
        }
        double[][] coef = moments(labels, groups);   // [j][i]: example i's contribution to moment j
        int j = coef.length;
        int k = 2 * j;
        double bound = 1 / epsilon;
        double eta = eta0 / bound;
        double[] theta = new double[k];
        double[] lambdaSum = new double[k];
        List<BinaryClassifier<X>> hypotheses = new ArrayList<>();
        double errSum = 0;
        double[] gammaSum = new double[j];
        double bestGap = Double.POSITIVE_INFINITY;
        int bestT = 1;
        double target = nu == null ? Double.NaN : nu;
        int t = 0;
        while (t < maxIterations) {
            t++;
            double[] lambda = lambda(theta, bound);
            for (int q = 0; q < k; q++) {
                lambdaSum[q] += lambda[q];
            }
            Response<X> h = bestResponse(features, labels, coef, lambda, learner);
            hypotheses.add(h.classifier);
            errSum += h.error;
            for (int q = 0; q < j; q++) {
                gammaSum[q] += h.gamma[q];
            }
            if (Double.isNaN(target)) {
                // Default nu: half the standard error of the first classifier's error rate.
                target = 0.5 * Math.sqrt(Math.max(h.error * (1 - h.error), 1e-12) / n);
            }
            double errQ = errSum / t;
            double[] gammaQ = new double[j];
            for (int q = 0; q < j; q++) {
                gammaQ[q] = gammaSum[q] / t;
            }
            double[] lambdaHat = new double[k];
            for (int q = 0; q < k; q++) {
                lambdaHat[q] = lambdaSum[q] / t;
            }
            double lQ = errQ + dot(lambdaHat, violations(gammaQ));
            double worst = Arrays.stream(violations(gammaQ)).max().orElse(0);
            double lBestLambda = errQ + (worst > 0 ? bound * worst : 0);
            Response<X> hHat = bestResponse(features, labels, coef, lambdaHat, learner);
            double lBestH = hHat.error + dot(lambdaHat, violations(hHat.gamma));
            double gap = Math.max(lBestLambda - lQ, lQ - lBestH);
            if (gap < bestGap) {
                bestGap = gap;
                bestT = t;
            }
            if (gap <= target) {
                break;
            }
            double[] v = violations(h.gamma);
            for (int q = 0; q < k; q++) {
                theta[q] += eta * v[q];
            }
        }
        List<BinaryClassifier<X>> mixture = new ArrayList<>(hypotheses.subList(0, bestT));
        return new RandomizedClassifier<>(mixture, t, bestGap, target);
    }

    /** One best response: the classifier, its training error and its moments. */
    private record Response<X>(BinaryClassifier<X> classifier, double error, double[] gamma) {
    }

    private <X> Response<X> bestResponse(List<X> features, int[] labels, double[][] coef, double[] lambda, WeightedLearner<X> learner) {
        int n = labels.length;
        int[] z = new int[n];
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double diff = (1 - 2.0 * labels[i]) / n;
            for (int q = 0; q < coef.length; q++) {
                diff += (lambda[2 * q] - lambda[2 * q + 1]) * coef[q][i];
            }
            z[i] = diff < 0 ? 1 : 0;
            w[i] = Math.abs(diff);
            total += w[i];
        }
        if (total == 0) {
            Arrays.fill(w, 1.0);
            z = labels.clone();
        } else {
            for (int i = 0; i < n; i++) {
                w[i] *= n / total;   // mean weight 1: the minimiser does not change, the learner's step size stays sane
            }
        }
        BinaryClassifier<X> h = learner.fit(features, z, w);
        int[] p = new int[n];
        long errors = 0;
        for (int i = 0; i < n; i++) {
            p[i] = h.predict(features.get(i));
            errors += p[i] != labels[i] ? 1 : 0;
        }
        double[] gamma = new double[coef.length];
        for (int q = 0; q < coef.length; q++) {
            double g = 0;
            for (int i = 0; i < n; i++) {
                g += p[i] * coef[q][i];
            }
            gamma[q] = g;
        }
        return new Response<>(h, (double) errors / n, gamma);
    }

    /** Constraint values {@code M gamma - c}: for each moment, {@code gamma - eps} and {@code -gamma - eps}. */
    private double[] violations(double[] gamma) {
        double[] v = new double[2 * gamma.length];
        for (int q = 0; q < gamma.length; q++) {
            v[2 * q] = gamma[q] - epsilon;
            v[2 * q + 1] = -gamma[q] - epsilon;
        }
        return v;
    }

    private static double[] lambda(double[] theta, double bound) {
        double max = 0;
        for (double x : theta) {
            max = Math.max(max, x);
        }
        double denominator = Math.exp(-max);
        double[] e = new double[theta.length];
        for (int q = 0; q < theta.length; q++) {
            e[q] = Math.exp(theta[q] - max);
            denominator += e[q];
        }
        for (int q = 0; q < theta.length; q++) {
            e[q] = bound * e[q] / denominator;
        }
        return e;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int q = 0; q < a.length; q++) {
            s += a[q] * b[q];
        }
        return s;
    }

    /** The per-example contributions to each moment. */
    private double[][] moments(int[] labels, String[] groups) {
        int n = labels.length;
        List<double[]> out = new ArrayList<>();
        Map<String, long[]> counts = new TreeMap<>();
        long[] byLabel = new long[2];
        for (int i = 0; i < n; i++) {
            counts.computeIfAbsent(Checks.requireNonNull(groups[i], "groups[" + i + "]"), g -> new long[3]);
            long[] c = counts.get(groups[i]);
            c[0]++;
            c[1 + labels[i]]++;
            byLabel[labels[i]]++;
        }
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            String a = e.getKey();
            long[] c = e.getValue();
            if (constraint == FairnessConstraint.DEMOGRAPHIC_PARITY) {
                double[] coef = new double[n];
                for (int i = 0; i < n; i++) {
                    coef[i] = (groups[i].equals(a) ? 1.0 / c[0] : 0) - 1.0 / n;
                }
                out.add(coef);
            } else {
                for (int y = 0; y <= 1; y++) {
                    if (c[1 + y] == 0) {
                        continue;
                    }
                    double[] coef = new double[n];
                    for (int i = 0; i < n; i++) {
                        if (labels[i] == y) {
                            coef[i] = (groups[i].equals(a) ? 1.0 / c[1 + y] : 0) - 1.0 / byLabel[y];
                        }
                    }
                    out.add(coef);
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    /** Builds an {@link ExponentiatedGradient}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private FairnessConstraint constraint;
        private double epsilon = 0.01;
        private int maxIterations = 50;
        private double eta0 = 2.0;
        private Double nu;

        private Builder() {
        }

        /** The constraint (required). */
        public Builder constraint(FairnessConstraint c) {
            this.constraint = c;
            return this;
        }

        /** The allowed violation of each moment; 0.01 by default. */
        public Builder epsilon(double slack) {
            this.epsilon = slack;
            return this;
        }

        /** The most iterations; 50 by default. */
        public Builder maxIterations(int iterations) {
            this.maxIterations = iterations;
            return this;
        }

        /** The initial learning-rate multiplier; 2 by default. */
        public Builder eta0(double multiplier) {
            this.eta0 = multiplier;
            return this;
        }

        /** The duality-gap target; by default half the standard error of the first classifier's error rate. */
        public Builder nu(double gapTarget) {
            this.nu = gapTarget;
            return this;
        }

        /** Validates and builds. */
        public ExponentiatedGradient build() {
            Problems p = Problems.of("ExponentiatedGradient");
            p.check(constraint != null, () -> Checks.argument("constraint").mustBe("given").got(null)
                    .fix("Choose FairnessConstraint.DEMOGRAPHIC_PARITY or EQUALIZED_ODDS."));
            p.check(epsilon > 0 && epsilon < 1, () -> Checks.argument("epsilon").mustBe("in (0, 1)").got(epsilon).fix("Use e.g. 0.01."));
            p.check(maxIterations >= 1, () -> Checks.argument("maxIterations").mustBe(">= 1").got(maxIterations).noFix());
            p.check(eta0 > 0 && Double.isFinite(eta0), () -> Checks.argument("eta0").mustBe("a finite number > 0").got(eta0).noFix());
            p.check(nu == null || nu >= 0, () -> Checks.argument("nu").mustBe(">= 0").got(nu).noFix());
            p.throwIfAny();
            return new ExponentiatedGradient(this);
        }
    }
}
