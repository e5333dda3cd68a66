package io.privkit.benchmarks.dp.sgd;

import io.privkit.common.Randomness;
import io.privkit.dp.noise.VectorGaussianNoise;
import io.privkit.dp.sgd.GradientNoise;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared pieces of the DP-SGD step benchmarks. */
final class StepFixtures {
    private StepFixtures() {
    }

    /** dp-core's secure vector Gaussian, as the trainer uses it, keyed from SecureRandom. */
    static GradientNoise secureNoise(double noiseMultiplier, double clippingNorm, int dimension) {
        VectorGaussianNoise noise = VectorGaussianNoise.builder().noiseMultiplier(noiseMultiplier).l2Sensitivity(clippingNorm)
                .dimension(dimension).seedSource(Randomness.secure()).build();
        return new GradientNoise() {
            @Override
            public void addNoise(float[] values) {
                noise.addNoise(values);
            }

            @Override
            public void addNoise(double[] values) {
                noise.addNoise(values);
            }

            @Override
            public double standardDeviation() {
                return noise.standardDeviation();
            }
        };
    }

    /** One-hot labels cycling through the classes. */
    static INDArray labels(int batch, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1f);
        }
        return y;
    }

    /** Warns when ND4J's OpenMP may oversubscribe the cores (results are then meaningless). */
    static void checkThreads() {
        if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
            System.err.println("WARNING: run with OMP_NUM_THREADS=1; ND4J's OpenMP oversubscribes small machines.");
        }
    }
}
