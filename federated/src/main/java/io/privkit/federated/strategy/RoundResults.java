package io.privkit.federated.strategy;

import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a strategy receives for a round: either every accepted update individually, or only their
 * weighted sum (under secure aggregation, where the coordinator never sees an individual update,
 * or after client-level DP noise was added to the sum).
 */
public sealed interface RoundResults {

    /** The number of updates that contributed. */
    int contributors();

    /**
     * Every accepted update, sorted by client id (a fixed order, so a run on a fixed seed is
     * reproducible bit for bit whatever order results arrived in).
     *
     * @param updates the updates
     */
    record Individual(List<ClientUpdate> updates) implements RoundResults {
        public Individual {
            Checks.requireNoNullElements(updates, "updates");
            List<ClientUpdate> sorted = new ArrayList<>(updates);
            sorted.sort(Comparator.comparing(ClientUpdate::clientId));
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).clientId().equals(sorted.get(i - 1).clientId())) {
                    throw Checks.argument("updates").mustBe("one per client").got("two from '" + sorted.get(i).clientId() + "'")
                            .noFix().exception();
                }
                if (sorted.get(i).size() != sorted.get(0).size()) {
                    throw Checks.argument("updates").mustBe("of one size").got(sorted.get(i).size() + " and " + sorted.get(0).size())
                            .noFix().exception();
                }
            }
            updates = List.copyOf(sorted);
        }

        @Override
        public int contributors() {
            return updates.size();
        }
    }

    /**
     * Only the weighted sum is known: {@code sum = Σ_k w_k Δ_k} and {@code totalWeight}, the
     * denominator to divide by (the sum of weights, or a fixed denominator under DP).
     *
     * @param weightedSum  the weighted sum of the updates (copied)
     * @param totalWeight  the denominator; positive
     * @param contributors how many updates were summed
     */
    record Summed(double[] weightedSum, double totalWeight, int contributors) implements RoundResults {
        public Summed {
            Checks.requireNonNull(weightedSum, "weightedSum");
            weightedSum = weightedSum.clone();
            Checks.requirePositive(totalWeight, "totalWeight");
            Checks.requireNonNegative(contributors, "contributors");
        }

        @Override
        public double[] weightedSum() {
            return weightedSum.clone();
        }

        /** The weighted mean {@code sum / totalWeight}. */
        public double[] mean() {
            double[] m = new double[weightedSum.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = weightedSum[i] / totalWeight;
            }
            return m;
        }
    }
}
