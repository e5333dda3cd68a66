package io.privkit.dp.sgd.dl4j;

/** Applies the gradient in a DL4J model's gradient view through the model's own updater. */
interface ModelUpdate {
    /** Divides the gradient view by {@code normaliser} and applies it as {@code fit()} would. */
    void apply(double normaliser);
}
