package io.privkit.dp.sgd.dl4j;

/**
 * Per-example clipping factors from squared gradient norms:
 * {@code f_i = min(1, C (1 - 2^-20) / |g_i|)} (Abadi et al., "Deep Learning with Differential
 * Privacy", CCS 2016, Algorithm 1, with a relative margin). The margin absorbs the rounding of the
 * norm and of the scaled gradient in the network's floating-point precision (float: relative
 * 6e-8 per operation), so the clipped gradient as computed has norm at most C, not C plus a few
 * units in the last place; its effect on the update is a relative 1e-6.
 */
final class Clipping {
    /** 1 - 2^-20: the clipped norm is at most this fraction of C, in exact arithmetic. */
    static final double BOUND = 1.0 - 0x1p-20;

    private Clipping() {
    }

    static double[] factors(double[] squaredNorms, double clipNorm) {
        double[] f = new double[squaredNorms.length];
        for (int i = 0; i < f.length; i++) {
            double norm = Math.sqrt(squaredNorms[i]);
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException("the gradient of example " + i + " in the batch is not finite (norm "
                        + norm + "): the loss has diverged. Lower the learning rate or check the inputs for NaN.");
            }
            f[i] = norm > BOUND * clipNorm ? BOUND * clipNorm / norm : 1.0;
        }
        return f;
    }
}
