package io.privkit.dp.mechanism;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.Calibration;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.PrivacyTarget;
import io.privkit.dp.noise.DiscreteGaussianSampler;
import io.privkit.dp.noise.DiscreteLaplaceSampler;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Noise for one component of an aggregation, with its event. */
final class ScalarNoise {
    private final LaplaceMechanism laplace;
    private final GaussianMechanism gaussian;

    private ScalarNoise(LaplaceMechanism laplace, GaussianMechanism gaussian) {
        this.laplace = laplace;
        this.gaussian = gaussian;
    }

    /** Real-valued noise for a statistic of the given sensitivity, at (ε, δ). */
    static ScalarNoise of(NoiseKind kind, double sensitivity, double epsilon, double delta) {
        if (kind == NoiseKind.LAPLACE) {
            return new ScalarNoise(LaplaceMechanism.of(sensitivity, epsilon), null);
        }
        return new ScalarNoise(null, GaussianMechanism.calibrated(sensitivity, PrivacyTarget.epsilon(epsilon).atDelta(delta)));
    }

    double addNoise(BigDecimal exact, Randomness random) {
        return laplace != null ? laplace.release(exact, random).value() : gaussian.release(exact, random).value();
    }

    DpEvent event() {
        return laplace != null ? laplace.event() : gaussian.event();
    }

    String describe() {
        return laplace != null ? laplace.describe().sampler() : gaussian.describe().sampler();
    }

    /** Integer noise for counts: discrete Laplace with scale ≥ Δ/ε, or a calibrated discrete Gaussian. */
    static final class Integer {
        private final DiscreteLaplaceSampler laplace;
        private final DiscreteGaussianSampler gaussian;
        private final DpEvent event;

        private Integer(DiscreteLaplaceSampler laplace, DiscreteGaussianSampler gaussian, DpEvent event) {
            this.laplace = laplace;
            this.gaussian = gaussian;
            this.event = event;
        }

        static Integer of(NoiseKind kind, long sensitivity, double epsilon, double delta) {
            if (kind == NoiseKind.LAPLACE) {
                // The smallest double >= Delta / epsilon: exactly at most epsilon-DP.
                BigDecimal exact = new BigDecimal(sensitivity).divide(new BigDecimal(epsilon), new MathContext(40, RoundingMode.CEILING));
                double scale = exact.doubleValue();
                if (new BigDecimal(scale).compareTo(exact) < 0) {
                    scale = Math.nextUp(scale);
                }
                return new Integer(DiscreteLaplaceSampler.withScale(scale), null, new DpEvent.DiscreteLaplace(scale, sensitivity));
            }
            Calibration.Result r = Calibration.noiseMultiplier(PrivacyAccountant.pld(),
                    z -> new DpEvent.DiscreteGaussian(z * sensitivity, sensitivity), PrivacyTarget.epsilon(epsilon).atDelta(delta));
            double sigma = r.value() * sensitivity;
            return new Integer(null, DiscreteGaussianSampler.withSigma(sigma), new DpEvent.DiscreteGaussian(sigma, sensitivity));
        }

        long sample(Randomness random) {
            return laplace != null ? laplace.sample(random) : gaussian.sample(random);
        }

        DpEvent event() {
            return event;
        }

        String describe() {
            return laplace != null ? "discrete Laplace (Canonne, Kamath, Steinke 2020, Algorithm 2)"
                    : "discrete Gaussian (Canonne, Kamath, Steinke 2020, Algorithm 3)";
        }
    }
}
