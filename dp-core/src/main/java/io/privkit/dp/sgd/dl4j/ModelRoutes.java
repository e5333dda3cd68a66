package io.privkit.dp.sgd.dl4j;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-example gradient plan of a DL4J model ({@link NetworkRoutes} for a
 * {@code MultiLayerNetwork}, {@link GraphRoutes} for a {@code ComputationGraph}).
 */
interface ModelRoutes {

    /** The model. */
    Model model();

    /** Forward and first backward pass; each example's squared gradient norm (all layers, double precision). */
    double[] forwardBackward(INDArray[] features, INDArray[] labels);

    /** Writes {@code sum_i factor_i g_i} (factors null: all ones) into the model's gradient view. */
    void writeClippedSum(double[] factors);

    /** Materialises every example's gradient, [batch, numParams], in the model's flattened layout. */
    INDArray perExampleGradients(int batch);

    /** Releases the batch's arrays. */
    void clear();

    /** One line per layer: how its per-example gradients are computed. */
    List<String> describeRoutes();

    /** DL4J's gradient variable names ("layer_param") to their views, for the updater. */
    java.util.Map<String, INDArray> gradientVariables();
}
