package io.privkit.dp.sgd.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import io.privkit.common.Randomness;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdOptions;
import io.privkit.dp.sgd.TestAccounting;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

class DpSgdTribuoTest {

    /** y = 1 when 2 x0 - x1 + 0.5 x2 > 0: a linearly separable task with 5 features. */
    static MutableDataset<Label> logistic(int n, long seed) {
        Random r = new Random(seed);
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("generated", new LabelFactory()), new LabelFactory());
        String[] names = {"x0", "x1", "x2", "x3", "x4"};
        for (int i = 0; i < n; i++) {
            double[] x = new double[5];
            for (int j = 0; j < 5; j++) {
                x[j] = r.nextGaussian();
            }
            String label = 2 * x[0] - x[1] + 0.5 * x[2] > 0 ? "yes" : "no";
            d.add(new ArrayExample<>(new Label(label), names, x));
        }
        return d;
    }

    static double accuracy(org.tribuo.Model<Label> model, MutableDataset<Label> test) {
        int right = 0;
        for (var e : test) {
            Prediction<Label> p = model.predict(e);
            if (p.getOutput().getLabel().equals(e.getOutput().getLabel())) {
                right++;
            }
        }
        return (double) right / test.size();
    }

    static DpSgdOptions seeded(long seed) {
        return DpSgdOptions.withDefaults().with(Randomness.insecureSeeded(seed)).with(new TestAccounting());
    }

    @Test
    void addClippedGradients_equalsTribuoOuterProductGradientsClipped() {
        MutableDataset<Label> data = logistic(40, 1);
        SGDVector[] x = new SGDVector[40];
        Integer[] y = new Integer[40];
        double[] w = new double[40];
        int i = 0;
        for (var e : data) {
            x[i] = DenseVector.createDenseVector(e, data.getFeatureIDMap(), true);
            y[i] = data.getOutputIDInfo().getID(e.getOutput());
            w[i] = i % 3 == 0 ? 2.0 : 1.0;
            i++;
        }
        LinearParameters params = new LinearParameters(6, 2);
        DenseMatrix m = params.getWeightMatrix();
        Random r = new Random(2);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 6; b++) {
                m.set(a, b, r.nextGaussian());
            }
        }
        LogMulticlass objective = new LogMulticlass();
        LinearPrivateModel<Integer> model = new LinearPrivateModel<>(x, y, w, params, objective, SGD.getSimpleSGD(0.1));
        int[] all = new int[40];
        for (int k = 0; k < 40; k++) {
            all[k] = k;
        }
        double clip = 0.8;
        model.beginStep();
        model.addClippedGradients(all, clip);
        double[] fast = model.clippedSum();
        double[] ref = new double[12];
        int clipped = 0;
        for (int k = 0; k < 40; k++) {
            Tensor[] g = params.gradients(objective.lossAndGradient(y[k], params.predict(x[k])), x[k]);
            DenseMatrix gm = new DenseMatrix((org.tribuo.math.la.Matrix) g[0]);
            double ss = 0;
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 6; b++) {
                    ss += Math.pow(w[k] * gm.get(a, b), 2);
                }
            }
            double norm = Math.sqrt(ss);
            double f = Math.min(1.0, LinearPrivateModel.CLIP_BOUND * clip / norm);
            if (f < 1) {
                clipped++;
            }
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 6; b++) {
                    ref[a * 6 + b] += f * w[k] * gm.get(a, b);
                }
            }
        }
        assertTrue(clipped > 5 && clipped < 35, "some clipped, some not: " + clipped);
        for (int k = 0; k < 12; k++) {
            assertEquals(ref[k], fast[k], 1e-12, "coordinate " + k);
        }
    }

    @Test
    void trainPrivately_separableData_learnsAndRecordsPrivacyInProvenance() {
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0).expectedBatchSize(100)
                .epochs(10).build();
        DpSgdLogisticRegressionTrainer trainer = new DpSgdLogisticRegressionTrainer(config, SGD.getSimpleSGD(1.0), seeded(3));
        var trained = trainer.trainPrivately(logistic(2000, 4));
        LinearSGDModel model = trained.model();
        double acc = accuracy(model, logistic(1000, 5));
        assertTrue(acc > 0.9, "accuracy " + acc);
        assertEquals(200, trained.result().stepsReserved());
        Provenance eps = model.getProvenance().getInstanceProvenance().getMap().get("dp-sgd.epsilon");
        assertEquals(trained.result().epsilon(), ((DoubleProvenance) eps).getValue(), 0.0);
        assertEquals("poisson", model.getProvenance().getInstanceProvenance().getMap().get("dp-sgd.sampling-implemented").toString());
        String trainerProv = model.getProvenance().getTrainerProvenance().toString();
        assertTrue(trainerProv.contains("noiseMultiplier") && trainerProv.contains("clippingNorm"), trainerProv);
        assertEquals(1, trainer.getInvocationCount());
    }

    @Test
    void trainPrivately_linearRegression_recoversSlope() {
        Random r = new Random(6);
        MutableDataset<Regressor> d = new MutableDataset<>(new SimpleDataSourceProvenance("generated", new RegressionFactory()),
                new RegressionFactory());
        for (int i = 0; i < 4000; i++) {
            double x = r.nextDouble() * 2 - 1;
            d.add(new ArrayExample<>(new Regressor("y", 0.8 * x + 0.1 + 0.05 * r.nextGaussian()), new String[] {"x"}, new double[] {x}));
        }
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(0.8).delta(1e-5).clippingNorm(1.0).expectedBatchSize(200)
                .epochs(20).build();
        var trained = new DpSgdLinearRegressionTrainer(config, SGD.getSimpleSGD(0.5), seeded(7)).trainPrivately(d);
        double at1 = trained.model().predict(new ArrayExample<>(new Regressor("y", Double.NaN), new String[] {"x"}, new double[] {1.0}))
                .getOutput().getValues()[0];
        double at0 = trained.model().predict(new ArrayExample<>(new Regressor("y", Double.NaN), new String[] {"x"}, new double[] {0.0}))
                .getOutput().getValues()[0];
        assertEquals(0.8, at1 - at0, 0.1, "slope");
        assertEquals(0.1, at0, 0.1, "intercept");
    }

    @Test
    void trainPrivately_overflowingGradient_refusedBeforeTheUpdate() {
        // Tribuo itself refuses NaN features; a finite but huge one overflows the gradient norm.
        MutableDataset<Label> d = logistic(10, 8);
        d.add(new ArrayExample<>(new Label("yes"), new String[] {"x0", "x1", "x2", "x3", "x4"},
                new double[] {0, 1e308, 1e308, 0, 0}));
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0).samplingRate(1.0)
                .steps(2).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DpSgdLogisticRegressionTrainer(config, SGD.getSimpleSGD(1.0), seeded(9)).trainPrivately(d));
        assertTrue(e.getMessage().startsWith("the gradient of a training example is not finite"), e.getMessage());
    }
}
