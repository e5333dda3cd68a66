package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.common.Randomness;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.checkpoint.CheckpointStore;
import io.privkit.federated.secagg.SecureAggregationConfig;
import io.privkit.federated.strategy.Strategies;
import io.privkit.federated.strategy.Strategy;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.Limits;
import io.privkit.federated.transport.TransportSecurity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a {@link Coordinator} needs. Build with {@link #builder()}; {@code build()} reports
 * every problem at once.
 *
 * <p>Required: {@code federationId}, {@code allowList}, {@code security}, {@code rounds}. Defaults:
 * FedAvg; every client every round; at least 1 result per round; a 10-minute round deadline;
 * updates as little-endian binary32; {@link UpdatePolicy#withDefaults()}; secure randomness; port 0
 * (any free port); heartbeats every 5 s, a client silent for 3 intervals counts as gone.
 *
 * @param federationId       the federation's name (checkpoints are keyed by it)
 * @param allowList          the roster: identities allowed in, sampled from
 * @param security           mutual TLS (default) or plaintext (loopback only)
 * @param bindAddress        the address to listen on
 * @param port               the port (0 for any free port)
 * @param rounds             rounds to run
 * @param sampling           client sampling
 * @param minResults         the fewest accepted results a round aggregates
 * @param minAvailable       clients that must be connected before a round starts
 * @param roundTimeout       the deadline of a round (of each secure-aggregation stage)
 * @param waitForClients     how long to wait for {@code minAvailable} clients before giving up
 * @param strategy           the strategy
 * @param updatePolicy       validation of updates
 * @param updateEncoding     the element type of models and updates on the wire
 * @param secureAggregation  secure aggregation, or null
 * @param clientDp           client-level differential privacy, or null
 * @param checkpoints        where to checkpoint every round, or null for none
 * @param workDir            where uploads are spooled until their round closes
 * @param randomness         the sampling randomness (secure unless testing)
 * @param clock              the clock
 * @param heartbeatInterval  how often clients send heartbeats
 * @param heartbeatPatience  intervals of silence after which a client counts as gone
 * @param limits             transport limits
 * @param listener           receives each round's report
 * @param evaluator          evaluates each new global model, or null
 * @param noise              the randomness of client-level DP noise (secure unless testing)
 * @param budget             reserves each DP round's privacy cost before its model is released
 */
public record CoordinatorConfig(String federationId, AllowList allowList, TransportSecurity security, InetAddress bindAddress,
                                int port, int rounds, ClientSampling sampling, int minResults, int minAvailable,
                                Duration roundTimeout, Duration waitForClients, Strategy strategy, UpdatePolicy updatePolicy,
                                TensorEncoding updateEncoding, SecureAggregationConfig secureAggregation, ClientDpConfig clientDp,
                                CheckpointStore checkpoints, Path workDir, Randomness randomness, Clock clock,
                                Duration heartbeatInterval, int heartbeatPatience, Limits limits, RoundListener listener,
                                ModelEvaluator evaluator, Randomness noise, BudgetReservation budget) {

    public CoordinatorConfig {
        Checks.requireNonBlank(federationId, "federationId");
        Checks.requireNonNull(allowList, "allowList");
        Checks.requireNonNull(security, "security");
        Checks.requireNonNull(bindAddress, "bindAddress");
        Checks.requireNonNull(sampling, "sampling");
        Checks.requireNonNull(roundTimeout, "roundTimeout");
        Checks.requireNonNull(waitForClients, "waitForClients");
        Checks.requireNonNull(strategy, "strategy");
        Checks.requireNonNull(updatePolicy, "updatePolicy");
        Checks.requireNonNull(updateEncoding, "updateEncoding");
        Checks.requireNonNull(randomness, "randomness");
        Checks.requireNonNull(clock, "clock");
        Checks.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Checks.requireNonNull(limits, "limits");
        Checks.requireNonNull(listener, "listener");
        Checks.requireNonNull(noise, "noise");
        Checks.requireNonNull(budget, "budget");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CoordinatorConfig}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private String federationId;
        private AllowList allowList;
        private TransportSecurity security;
        private InetAddress bindAddress;
        private int port;
        private Integer rounds;
        private ClientSampling sampling = ClientSampling.all();
        private int minResults = 1;
        private Integer minAvailable;
        private Duration roundTimeout = Duration.ofMinutes(10);
        private Duration waitForClients = Duration.ofHours(1);
        private Strategy strategy;
        private UpdatePolicy updatePolicy = UpdatePolicy.withDefaults();
        private TensorEncoding updateEncoding = TensorEncoding.FLOAT32_LE;
        private SecureAggregationConfig secureAggregation;
        private ClientDpConfig clientDp;
        private CheckpointStore checkpoints;
        private Path workDir;
        private Randomness randomness;
        private Clock clock = Clock.systemUTC();
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private int heartbeatPatience = 3;
        private Limits limits = Limits.defaults();
        private RoundListener listener = RoundListener.none();
        private ModelEvaluator evaluator;
        private Randomness noise;
        private BudgetReservation budget = BudgetReservation.none();

        private Builder() {
        }

        public Builder federationId(String v) { this.federationId = v; return this; }
        public Builder allowList(AllowList v) { this.allowList = v; return this; }
        public Builder security(TransportSecurity v) { this.security = v; return this; }
        public Builder bindAddress(InetAddress v) { this.bindAddress = v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder rounds(int v) { this.rounds = v; return this; }
        public Builder sampling(ClientSampling v) { this.sampling = v; return this; }
        public Builder minResults(int v) { this.minResults = v; return this; }
        public Builder minAvailable(int v) { this.minAvailable = v; return this; }
        public Builder roundTimeout(Duration v) { this.roundTimeout = v; return this; }
        public Builder waitForClients(Duration v) { this.waitForClients = v; return this; }
        public Builder strategy(Strategy v) { this.strategy = v; return this; }
        public Builder updatePolicy(UpdatePolicy v) { this.updatePolicy = v; return this; }
        public Builder updateEncoding(TensorEncoding v) { this.updateEncoding = v; return this; }
        public Builder secureAggregation(SecureAggregationConfig v) { this.secureAggregation = v; return this; }
        public Builder clientDp(ClientDpConfig v) { this.clientDp = v; return this; }
        public Builder checkpoints(CheckpointStore v) { this.checkpoints = v; return this; }
        public Builder workDir(Path v) { this.workDir = v; return this; }
        public Builder randomness(Randomness v) { this.randomness = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder heartbeatInterval(Duration v) { this.heartbeatInterval = v; return this; }
        public Builder heartbeatPatience(int v) { this.heartbeatPatience = v; return this; }
        public Builder limits(Limits v) { this.limits = v; return this; }
        public Builder listener(RoundListener v) { this.listener = v; return this; }
        public Builder evaluator(ModelEvaluator v) { this.evaluator = v; return this; }
        public Builder noise(Randomness v) { this.noise = v; return this; }
        public Builder budget(BudgetReservation v) { this.budget = v; return this; }

        /** Validates and builds. */
        public CoordinatorConfig build() {
            Problems p = Problems.of("CoordinatorConfig");
            p.check(federationId != null && !federationId.isBlank(), () -> problem("federationId", "set", federationId,
                    "Name the federation, e.g. 'hospitals-2026'."));
            p.check(allowList != null, () -> problem("allowList", "set", null, "List the client identities allowed in."));
            p.check(security != null, () -> problem("security", "set", null,
                    "Use TransportSecurity.MutualTls.coordinatorFolder(dir) from 'privkit federated init'."));
            p.check(rounds != null && rounds >= 1, () -> problem("rounds", "at least 1", rounds, "Set the number of rounds."));
            p.check(minResults >= 1, () -> problem("minResults", "at least 1", minResults, "Aggregate at least one result."));
            Strategy s = strategy != null ? strategy : Strategies.fedAvg();
            p.check(minResults >= s.minimumResults(), () -> problem("minResults", "at least " + s.minimumResults() + " for " + s.name(),
                    minResults, "Raise minResults; robust rules such as Krum need 2f + 3 updates."));
            if (allowList != null) {
                p.check(minResults <= allowList.size(), () -> problem("minResults", "at most the number of allowed clients (" + allowList.size() + ")",
                        minResults, "Lower minResults or allow more clients."));
            }
            int avail = minAvailable != null ? minAvailable : minResults;
            p.check(avail >= 1 && (allowList == null || avail <= allowList.size()), () -> problem("minAvailable",
                    "between 1 and the number of allowed clients", avail, "Wait for at most the whole roster."));
            p.check(positive(roundTimeout), () -> problem("roundTimeout", "positive", roundTimeout, "Use e.g. 10 minutes."));
            p.check(positive(waitForClients), () -> problem("waitForClients", "positive", waitForClients, "Use e.g. 1 hour."));
            p.check(positive(heartbeatInterval), () -> problem("heartbeatInterval", "positive", heartbeatInterval, "Use e.g. 5 seconds."));
            p.check(heartbeatPatience >= 1, () -> problem("heartbeatPatience", "at least 1", heartbeatPatience, "Use e.g. 3."));
            p.check(port >= 0 && port <= 65535, () -> problem("port", "in 0..65535", port, "Use 0 for any free port."));
            p.check(sampling != null, () -> problem("sampling", "set", null, "Use ClientSampling.all() or poisson(rate)."));
            if (secureAggregation != null) {
                p.check(!s.needsIndividualUpdates(), () -> problem("strategy", "a weighted-mean strategy under secure aggregation", s.name(),
                        "Robust rules need individual updates, which secure aggregation hides; use FedAvg, FedProx or a FedOpt strategy."));
            }
            if (clientDp != null) {
                p.check(!s.needsIndividualUpdates(), () -> problem("strategy", "a weighted-mean strategy under client-level DP", s.name(),
                        "Noise is added to the sum; use FedAvg, FedProx or a FedOpt strategy."));
                p.check(sampling == null || sampling.overSelection() == 0, () -> problem("sampling.overSelection", "0 under client-level DP",
                        sampling.overSelection(), "Over-selection makes inclusion depend on other clients; use Poisson sampling alone."));
                p.check(updatePolicy.weightBound().weighting() == UpdatePolicy.Weighting.UNIFORM, () -> problem("updatePolicy.weightBound",
                        "uniform under client-level DP", updatePolicy.weightBound().describe(),
                        "Client-level DP bounds each client's contribution by the clipping norm; use WeightBound.uniform()."));
                if (secureAggregation != null) {
                    p.check(clientDp.adaptive() == null, () -> problem("clientDp.adaptive", "null under secure aggregation", "adaptive",
                            "The coordinator cannot count unclipped updates it never sees; use a fixed clip with secure aggregation."));
                    p.check(clientDp.clipNorm() == secureAggregation.clipRange(), () -> problem("clientDp.clipNorm",
                            "equal to the secure-aggregation clip range " + secureAggregation.clipRange(), clientDp.clipNorm(),
                            "Clients clip to the secure-aggregation range, which is then the DP sensitivity; set both to the same value."));
                }
            }
            if (security instanceof TransportSecurity.Plaintext && bindAddress != null) {
                p.check(bindAddress.isLoopbackAddress(), () -> problem("bindAddress", "a loopback address in plaintext mode",
                        bindAddress.getHostAddress(), "Use mutual TLS to accept clients from other machines."));
            }
            p.throwIfAny();
            InetAddress bind = bindAddress;
            if (bind == null) {
                try {
                    bind = security instanceof TransportSecurity.Plaintext ? InetAddress.getLoopbackAddress() : InetAddress.getByName("0.0.0.0");
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new CoordinatorConfig(federationId, allowList, security, bind, port, rounds, sampling, minResults, avail,
                    roundTimeout, waitForClients, s, updatePolicy, updateEncoding, secureAggregation, clientDp, checkpoints, workDir,
                    randomness != null ? randomness : Randomness.secure(), clock, heartbeatInterval, heartbeatPatience, limits,
                    listener, evaluator, noise != null ? noise : Randomness.secure(), budget);
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }

        private static io.privkit.common.ArgumentProblem problem(String input, String constraint, Object got, String fix) {
            return Checks.argument(input).mustBe(constraint).got(got).fix(fix);
        }
    }
}
