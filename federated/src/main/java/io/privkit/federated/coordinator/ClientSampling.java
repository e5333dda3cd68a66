package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Randomness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * How clients are sampled each round: Poisson sampling over the federation's roster (its
 * allow-list), each client included independently with probability {@code p}.
 *
 * <p>Poisson sampling is what client-level DP accounting assumes (McMahan, Ramage, Talwar, Zhang,
 * "Learning Differentially Private Recurrent Language Models", ICLR 2018): the random number of
 * participants is part of the guarantee. A fixed-size uniform sample (Flower's
 * {@code random.sample}) does not match the standard accountant.
 *
 * <p><b>Over-selection</b> (Bonawitz et al., "Towards Federated Learning at Scale: System Design",
 * MLSys 2019): with {@code overSelection = o > 0} each client is included with probability
 * {@code p = min(1, rate (1 + o))} and the round closes as soon as {@code ⌈rate · N⌉} results are
 * accepted, so stragglers and dropouts cost no waiting. Client-level DP refuses over-selection
 * (which client's result is kept would then depend on the others), so under DP {@code p = rate}.
 *
 * <p>The draw for round {@code r} comes from {@code randomness.derive("sampling/round-" + r)}: a
 * seeded run samples the same clients in round {@code r} whether or not the coordinator restarted,
 * and a secure one draws fresh SecureRandom bits. The roster is sorted first, so the draw does not
 * depend on the order clients registered in.
 *
 * @param rate          the target sampling rate in (0, 1]
 * @param overSelection extra fraction sampled to absorb dropouts, at least 0
 */
public record ClientSampling(double rate, double overSelection) {

    public ClientSampling {
        Checks.requireIn(rate, "sampling rate", Interval.openClosed(0, 1), "Use 1 to ask every client each round.");
        Checks.requireIn(overSelection, "overSelection", Interval.closed(0, 10), "Use e.g. 0.3 to over-select by 30%.");
    }

    /** Every client, every round. */
    public static ClientSampling all() {
        return new ClientSampling(1, 0);
    }

    /** Poisson sampling at {@code rate}, no over-selection. */
    public static ClientSampling poisson(double rate) {
        return new ClientSampling(rate, 0);
    }

    /** The same rate with over-selection {@code fraction}. */
    public ClientSampling withOverSelection(double fraction) {
        return new ClientSampling(rate, fraction);
    }

    /** The probability each client is included: {@code min(1, rate (1 + overSelection))}. */
    public double inclusionProbability() {
        return Math.min(1.0, rate * (1 + overSelection));
    }

    /** Results after which a round may close early: {@code ⌈rate N⌉} with over-selection, otherwise none. */
    public int targetResults(int rosterSize) {
        return overSelection > 0 ? (int) Math.ceil(rate * rosterSize) : Integer.MAX_VALUE;
    }

    /** The clients sampled in round {@code round}, sorted. */
    public List<String> sample(Collection<String> roster, int round, Randomness randomness) {
        Checks.requireNonEmpty(roster, "roster");
        Checks.requirePositive(round, "round");
        Randomness r = randomness.derive("sampling/round-" + round);
        double p = inclusionProbability();
        List<String> out = new ArrayList<>();
        for (String id : new TreeSet<>(roster)) {
            // p == 1 includes everyone without consuming randomness.
            if (p >= 1.0 || r.nextDouble() < p) {
                out.add(id);
            }
        }
        return out;
    }

    /** Describes the method for evidence. */
    public String method() {
        if (rate == 1 && overSelection == 0) {
            return "all";
        }
        return overSelection > 0 ? "poisson with over-selection " + overSelection : "poisson";
    }
}
