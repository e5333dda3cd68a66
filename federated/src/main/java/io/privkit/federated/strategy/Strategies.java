package io.privkit.federated.strategy;

import io.privkit.common.Checks;

/**
 * The strategies Privkit ships, by their usual names. Each returns a new, independent instance.
 *
 * <table>
 *   <caption>Strategies</caption>
 *   <tr><th>name</th><th>combine</th><th>server step</th><th>paper</th></tr>
 *   <tr><td>{@link #fedAvg()}</td><td>weighted mean</td><td>{@code x + Δ}</td><td>McMahan et al., AISTATS 2017</td></tr>
 *   <tr><td>{@link #fedProx(double)}</td><td>weighted mean</td><td>{@code x + Δ}; clients add
 *   {@code (μ/2)||w - x||²}</td><td>Li, Sahu, Zaheer, Sanjabi, Talwalkar, Smith, "Federated
 *   Optimization in Heterogeneous Networks", MLSys 2020</td></tr>
 *   <tr><td>{@link #fedAdagrad}, {@link #fedAdam}, {@link #fedYogi}</td><td>weighted mean</td>
 *   <td>adaptive</td><td>Reddi et al., ICLR 2021</td></tr>
 *   <tr><td>{@link #median()}, {@link #trimmedMean(double)}</td><td>coordinate-wise</td><td>{@code x + Δ}</td>
 *   <td>Yin et al., ICML 2018</td></tr>
 *   <tr><td>{@link #krum(int)}, {@link #multiKrum(int, int)}</td><td>nearest-neighbour score</td><td>{@code x + Δ}</td>
 *   <td>Blanchard et al., NeurIPS 2017</td></tr>
 * </table>
 */
public final class Strategies {
    private static final ServerOptimizer PLAIN = new ServerOptimizer.Sgd(1.0);

    private Strategies() {
    }

    /** FedAvg: the weighted mean of the deltas, applied with server learning rate 1. */
    public static StandardStrategy fedAvg() {
        return new StandardStrategy("fedavg", new Aggregation.WeightedMean(), PLAIN, 0, 0);
    }

    /** FedProx with proximal coefficient {@code mu > 0} (clients add {@code (μ/2)||w - w_global||²}). */
    public static StandardStrategy fedProx(double mu) {
        Checks.requirePositive(mu, "mu", "Use a small positive value such as 0.01; mu = 0 is plain FedAvg.");
        return new StandardStrategy("fedprox", new Aggregation.WeightedMean(), PLAIN, mu, 0);
    }

    /** FedAdagrad (Reddi et al. 2021). */
    public static StandardStrategy fedAdagrad(ServerOptimizer.Adagrad options) {
        return new StandardStrategy("fedadagrad", new Aggregation.WeightedMean(), options, 0, 0);
    }

    /** FedAdam (Reddi et al. 2021). */
    public static StandardStrategy fedAdam(ServerOptimizer.Adam options) {
        return new StandardStrategy("fedadam", new Aggregation.WeightedMean(), options, 0, 0);
    }

    /** FedYogi (Reddi et al. 2021). */
    public static StandardStrategy fedYogi(ServerOptimizer.Yogi options) {
        return new StandardStrategy("fedyogi", new Aggregation.WeightedMean(), options, 0, 0);
    }

    /** Coordinate-wise median (Yin et al. 2018). */
    public static StandardStrategy median() {
        return new StandardStrategy("median", new Aggregation.CoordinateMedian(), PLAIN, 0, 0);
    }

    /** Coordinate-wise trimmed mean trimming {@code beta} from each end (Yin et al. 2018). */
    public static StandardStrategy trimmedMean(double beta) {
        return new StandardStrategy("trimmed-mean", new Aggregation.TrimmedMean(beta), PLAIN, 0, 0);
    }

    /** Krum tolerating {@code byzantine} Byzantine clients (Blanchard et al. 2017). */
    public static StandardStrategy krum(int byzantine) {
        return new StandardStrategy("krum", new Aggregation.Krum(byzantine, 1), PLAIN, 0, 0);
    }

    /** Multi-Krum: the mean of the {@code selected} best-scoring updates (Blanchard et al. 2017). */
    public static StandardStrategy multiKrum(int byzantine, int selected) {
        return new StandardStrategy("multi-krum", new Aggregation.Krum(byzantine, selected), PLAIN, 0, 0);
    }
}
