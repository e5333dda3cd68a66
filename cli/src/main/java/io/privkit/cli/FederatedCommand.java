package io.privkit.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.Subject;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.checkpoint.SqliteCheckpointStore;
import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.coordinator.ClientDpConfig;
import io.privkit.federated.coordinator.ClientSampling;
import io.privkit.federated.coordinator.Coordinator;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.FederatedEvidence;
import io.privkit.federated.coordinator.RoundListener;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.coordinator.UpdatePolicy;
import io.privkit.federated.learn.Classifier;
import io.privkit.federated.learn.Dataset;
import io.privkit.federated.learn.LocalSgd;
import io.privkit.federated.learn.MultilayerPerceptron;
import io.privkit.federated.learn.SoftmaxRegression;
import io.privkit.federated.secagg.SecureAggregationConfig;
import io.privkit.federated.sim.Partitions;
import io.privkit.federated.sim.SyntheticData;
import io.privkit.federated.strategy.ServerOptimizer;
import io.privkit.federated.strategy.Strategies;
import io.privkit.federated.strategy.Strategy;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.FederationPki;
import io.privkit.federated.transport.TransportSecurity;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code privkit federated}: run federated training across separate processes and machines. A
 * coordinator ({@code serve}) and its clients ({@code join}) talk gRPC with mutual TLS; the
 * certificates come from {@code init}. The built-in task is a softmax regression or a small
 * perceptron trained with local SGD on each site's CSV file.
 */
@Command(name = "federated",
        header = "Federated training: create a federation's certificates, run the coordinator, join as a client.",
        description = {
            "",
            "Each site keeps its data: only model updates travel, over gRPC with mutual TLS.",
            "Order: 'init' once, then 'serve' on the coordinator's machine and 'join' at each site.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {
            FederatedCommand.Init.class,
            FederatedCommand.ExampleData.class,
            FederatedCommand.Serve.class,
            FederatedCommand.Join.class
        })
public final class FederatedCommand implements Runnable {
    @Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The built-in models. */
    enum ModelKind {
        /** Multinomial logistic regression. */
        SOFTMAX,
        /** One hidden ReLU layer (--hidden units). */
        MLP
    }

    /** The strategies by name. */
    enum StrategyName {
        FEDAVG, FEDPROX, FEDADAM, FEDYOGI, FEDADAGRAD, MEDIAN, TRIMMED_MEAN, KRUM, MULTI_KRUM
    }

    /** Accepts {@code trimmed-mean} as well as {@code TRIMMED_MEAN}. */
    static final class StrategyConverter implements CommandLine.ITypeConverter<StrategyName> {
        @Override
        public StrategyName convert(String value) {
            try {
                return StrategyName.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a strategy; use one of fedavg, fedprox, fedadam, "
                        + "fedyogi, fedadagrad, median, trimmed-mean, krum, multi-krum");
            }
        }
    }

    /** Durations as {@code 90s}, {@code 10m}, {@code 2h} or ISO-8601 ({@code PT10M}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) {
            String s = v.trim().toLowerCase(Locale.ROOT);
            try {
                if (s.startsWith("pt")) {
                    return Duration.parse(s.toUpperCase(Locale.ROOT));
                }
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                return switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not a duration; write e.g. 90s, 10m or 2h");
            }
        }
    }

    static Classifier classifier(ModelKind kind, int features, int classes, int hidden) {
        return kind == ModelKind.MLP ? new MultilayerPerceptron(features, hidden, classes) : new SoftmaxRegression(features, classes);
    }

    // ------------------------------------------------------------------ init

    /** {@code privkit federated init}. */
    @Command(name = "init",
            header = "Create a federation: a private CA, the coordinator's and each client's TLS certificate, and the allow-list.",
            description = {"", "Writes one folder per party (DIR/coordinator, DIR/clients/<id>) and DIR/ca with the CA key,",
                "which should stay offline. Refuses an existing DIR: a federation's keys are never overwritten.", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  privkit federated init --out fed --clients site-1,site-2,site-3",
                "  privkit federated init --out fed --clients hospital-a,hospital-b --host fl.example.org"},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Written.", "2:DIR exists, or a client id or host is invalid.", "4:DIR cannot be written."})
    static final class Init implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to create.")
        Path out;

        @Option(names = "--clients", required = true, split = ",", paramLabel = "ID", description = "Client identities, comma-separated.")
        List<String> clients;

        @Option(names = "--host", paramLabel = "NAME", description = "A DNS name or IP address clients dial the coordinator by "
                + "(repeatable; default: localhost and 127.0.0.1).")
        List<String> hosts;

        @Option(names = "--federation", paramLabel = "NAME", defaultValue = "privkit", description = "The federation's name (default: ${DEFAULT-VALUE}).")
        String federation;

        @Option(names = "--validity-days", paramLabel = "N", defaultValue = "365", description = "Certificate validity (default: ${DEFAULT-VALUE}).")
        int validityDays;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<String> h = hosts == null || hosts.isEmpty() ? List.of("localhost", "127.0.0.1") : hosts;
            FederationPki.Layout layout = FederationPki.init(out, federation, h, clients, Duration.ofDays(validityDays), Clock.systemUTC());
            PrintWriter o = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.put("ca", layout.caFolder().toString());
                root.put("coordinator", layout.coordinatorFolder().toString());
                var arr = root.putArray("clients");
                layout.clientFolders().forEach(p -> arr.add(p.toString()));
                o.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
            } else {
                o.println("Created federation '" + federation + "' in " + out + "/:");
                o.println("  " + layout.caFolder() + "/           the CA (ca.key signs certificates: keep it offline)");
                o.println("  " + layout.coordinatorFolder() + "/  for the coordinator: its certificate and key, ca.crt, allowlist.txt");
                for (Path p : layout.clientFolders()) {
                    o.println("  " + p + "/  for that site only: its certificate and key, ca.crt");
                }
                o.println("Next: privkit federated serve --pki " + layout.coordinatorFolder() + " ...   and at each site:");
                o.println("      privkit federated join --pki " + layout.clientFolders().get(0) + " --coordinator HOST:PORT ...");
            }
            o.flush();
            return ExitCode.OK.code();
        }
    }

    // ------------------------------------------------------------------ example-data

    /** {@code privkit federated example-data}. */
    @Command(name = "example-data",
            header = "Write generated, non-IID CSV files for a few sites and a hold-out file, to try serve and join.",
            description = {"", "Each site mostly holds two of the classes (label shards, as in McMahan et al. 2017).",
                "Columns x0..x(F-1) and label (integers 0..K-1).", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  privkit federated example-data --out data --sites 3"},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Written.", "2:Invalid option.", "4:A file cannot be written."})
    static final class ExampleData implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write site-1.csv .. site-N.csv and holdout.csv.")
        Path out;

        @Option(names = "--sites", defaultValue = "3", paramLabel = "N", description = "Number of sites (default: ${DEFAULT-VALUE}).")
        int sites;

        @Option(names = "--rows", defaultValue = "600", paramLabel = "N", description = "Rows per site (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--features", defaultValue = "10", paramLabel = "F", description = "Features (default: ${DEFAULT-VALUE}).")
        int features;

        @Option(names = "--classes", defaultValue = "4", paramLabel = "K", description = "Classes (default: ${DEFAULT-VALUE}).")
        int classes;

        @Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
        long seed;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (sites < 1 || rows < 2) {
                throw new CliException(ExitCode.BAD_INPUT, "--sites must be at least 1 and --rows at least 2; got " + sites + " and " + rows + ".");
            }
            Randomness r = Randomness.insecureSeeded(seed);
            Dataset[] tt = SyntheticData.trainTest(sites * rows, Math.max(200, rows), features, classes, 3.0, r);
            List<int[]> parts = Partitions.labelShards(tt[0], sites, 2, r.derive("shards"));
            Files.createDirectories(out);
            PrintWriter o = spec.commandLine().getOut();
            for (int k = 0; k < sites; k++) {
                Path f = out.resolve("site-" + (k + 1) + ".csv");
                tt[0].subset(parts.get(k)).writeCsv(f);
                o.println("wrote " + f + " (" + parts.get(k).length + " rows)");
            }
            tt[1].writeCsv(out.resolve("holdout.csv"));
            o.println("wrote " + out.resolve("holdout.csv") + " (" + tt[1].size() + " rows)");
            o.println("Model flags for serve and join: --features " + features + " --classes " + classes);
            o.flush();
            return ExitCode.OK.code();
        }
    }

    // ------------------------------------------------------------------ serve

    /** {@code privkit federated serve}. */
    @Command(name = "serve",
            header = "Run the coordinator: sample clients, collect and validate their updates, aggregate, checkpoint; one line per round.",
            description = {"", "Listens for clients with mutual TLS (the folder from 'init'). With --checkpoint, a coordinator that is",
                "stopped or killed resumes from its last round when started again with the same options.",
                "At the end it writes the federated-training evidence record (--evidence).", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  privkit federated serve --pki fed/coordinator --features 10 --classes 4 --rounds 10 \\",
                "      --checkpoint fed/coordinator.db --evidence fed/evidence.json",
                "  privkit federated serve --pki fed/coordinator --features 10 --classes 4 --strategy trimmed-mean --trim 0.2"},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:The run finished; the evidence record was written.", "2:Invalid option or certificate folder.",
                "3:The privacy ledger (--ledger) refused a round: the run stopped before releasing that round's model.",
                "4:Clients did not connect in time, the port is taken, or a file cannot be written."})
    static final class Serve implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--pki", required = true, paramLabel = "DIR", description = "The coordinator's folder from 'init' (certificates, allowlist.txt).")
        Path pki;

        @Option(names = "--features", required = true, paramLabel = "F", description = "Input features of the model.")
        int features;

        @Option(names = "--classes", required = true, paramLabel = "K", description = "Classes of the model.")
        int classes;

        @Option(names = "--model", defaultValue = "softmax", paramLabel = "KIND", description = "softmax or mlp (default: ${DEFAULT-VALUE}).")
        ModelKind model;

        @Option(names = "--hidden", defaultValue = "32", paramLabel = "N", description = "Hidden units of the mlp (default: ${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--rounds", defaultValue = "10", paramLabel = "N", description = "Rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--port", defaultValue = "50051", paramLabel = "N", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port).")
        int port;

        @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String bind;

        @Option(names = "--strategy", defaultValue = "fedavg", converter = StrategyConverter.class, paramLabel = "NAME",
                description = "fedavg, fedprox, fedadam, fedyogi, fedadagrad, median, trimmed-mean, krum or multi-krum (default: ${DEFAULT-VALUE}).")
        StrategyName strategy;

        @Option(names = "--proximal-mu", defaultValue = "0.01", paramLabel = "MU", description = "FedProx's mu (default: ${DEFAULT-VALUE}).")
        double mu;

        @Option(names = "--server-learning-rate", defaultValue = "0.1", paramLabel = "ETA", description = "FedAdam/FedYogi/FedAdagrad's eta (default: ${DEFAULT-VALUE}).")
        double serverLr;

        @Option(names = "--trim", defaultValue = "0.2", paramLabel = "BETA", description = "Trimmed mean: fraction cut at each end (default: ${DEFAULT-VALUE}).")
        double trim;

        @Option(names = "--byzantine", defaultValue = "1", paramLabel = "F", description = "Krum: Byzantine clients tolerated (default: ${DEFAULT-VALUE}).")
        int byzantine;

        @Option(names = "--sampling-rate", defaultValue = "1", paramLabel = "Q", description = "Poisson sampling rate per round (default: ${DEFAULT-VALUE}).")
        double samplingRate;

        @Option(names = "--min-results", defaultValue = "2", paramLabel = "N", description = "Fewest results a round aggregates (default: ${DEFAULT-VALUE}).")
        int minResults;

        @Option(names = "--round-timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "TIME",
                description = "Deadline of a round (default: ${DEFAULT-VALUE}).")
        Duration roundTimeout;

        @Option(names = "--wait-for-clients", defaultValue = "1h", converter = DurationConverter.class, paramLabel = "TIME",
                description = "How long to wait for --min-results clients to connect (default: ${DEFAULT-VALUE}).")
        Duration waitForClients;

        @Option(names = "--norm-bound", paramLabel = "C", description = "L2 bound on an update (default: none).")
        Double normBound;

        @Option(names = "--norm-bound-action", defaultValue = "clip", paramLabel = "ACTION",
                description = "What happens to an update above --norm-bound: clip or reject (default: ${DEFAULT-VALUE}).")
        UpdatePolicy.BoundAction normBoundAction;

        @Option(names = "--max-weight", defaultValue = "100000", paramLabel = "W", description = "Cap on a client's weight (its example count; default: ${DEFAULT-VALUE}).")
        double maxWeight;

        @Option(names = "--secure-aggregation", description = "Secure aggregation: the coordinator only sees the sum (needs --clip-range).")
        boolean secureAggregation;

        @Option(names = "--clip-range", defaultValue = "10", paramLabel = "C", description = "Secure aggregation: L2 clip of each update (default: ${DEFAULT-VALUE}).")
        double clipRange;

        @Option(names = "--noise-multiplier", paramLabel = "Z", description = "Client-level DP (DP-FedAvg): Gaussian noise multiplier z; "
                + "turns DP on (uniform weights, Poisson sampling).")
        Double noiseMultiplier;

        @Option(names = "--dp-clip", defaultValue = "1.0", paramLabel = "C", description = "Client-level DP: clipping norm of an update (default: ${DEFAULT-VALUE}).")
        double dpClip;

        @Option(names = "--adaptive-clip", description = "Client-level DP: adapt the clip to the median update norm (Andrew et al. 2021).")
        boolean adaptiveClip;

        @Option(names = "--delta", defaultValue = "1e-5", paramLabel = "D", description = "Client-level DP: the delta epsilon is reported at (default: ${DEFAULT-VALUE}).")
        double delta;

        @Option(names = "--ledger", paramLabel = "PATH|JDBC-URL", description = "Client-level DP: a privacy ledger ('privkit ledger create') "
                + "that must accept each round's spend before its model is released; the run stops with exit code 3 when it refuses.")
        String ledger;

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "SQLite file for per-round checkpoints; resumes from it when it exists.")
        Path checkpoint;

        @Option(names = "--evidence", paramLabel = "FILE", description = "Where to write the federated-training evidence record (JSON).")
        Path evidence;

        @Option(names = "--holdout", paramLabel = "CSV", description = "A labelled CSV the coordinator evaluates each round's model on.")
        Path holdout;

        @Option(names = "--label", defaultValue = "label", paramLabel = "COLUMN", description = "Label column of --holdout (default: ${DEFAULT-VALUE}).")
        String label;

        @Option(names = "--system", paramLabel = "NAME", description = "The system the evidence is about (default: the federation's name).")
        String system;

        @Option(names = "--insecure-seed", paramLabel = "N", description = "Seed the client sampling (tests and replays only; stamped into the evidence).")
        Long insecureSeed;

        @Option(names = "--heartbeat", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
                description = "Heartbeat interval asked of clients (default: ${DEFAULT-VALUE}).")
        Duration heartbeat;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Strategy strategy() {
            return switch (strategy) {
                case FEDAVG -> Strategies.fedAvg();
                case FEDPROX -> Strategies.fedProx(mu);
                case FEDADAM -> Strategies.fedAdam(new ServerOptimizer.Adam(serverLr, 0.9, 0.99, 1e-3));
                case FEDYOGI -> Strategies.fedYogi(new ServerOptimizer.Yogi(serverLr, 0.9, 0.99, 1e-3));
                case FEDADAGRAD -> Strategies.fedAdagrad(new ServerOptimizer.Adagrad(serverLr, 0.9, 1e-3));
                case MEDIAN -> Strategies.median();
                case TRIMMED_MEAN -> Strategies.trimmedMean(trim);
                case KRUM -> Strategies.krum(byzantine);
                case MULTI_KRUM -> Strategies.multiKrum(byzantine, Math.max(1, minResults - byzantine));
            };
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter log = output.json() ? new PrintWriter(PrintWriter.nullWriter()) : out;
            TransportSecurity.MutualTls tls = TransportSecurity.MutualTls.coordinatorFolder(pki);
            AllowList allow = AllowList.load(pki.resolve(FederationPki.ALLOW_LIST));
            Classifier c = classifier(model, features, classes, hidden);
            Dataset hold = holdout == null ? null : Dataset.readCsv(holdout, label, classes);
            if (hold != null && hold.dims() != features) {
                throw new CliException(ExitCode.BAD_INPUT, holdout + ": has " + hold.dims() + " features; --features is " + features + ".");
            }
            String federation = tls.caCertificatePem().isEmpty() ? "privkit" : FederationPki.commonName(
                    FederationPki.parseCertificate(tls.caCertificatePem())).replaceAll(" federation CA$", "");
            UpdatePolicy policy = UpdatePolicy.withDefaults()
                    .with(UpdatePolicy.WeightBound.byExamples(maxWeight, UpdatePolicy.BoundAction.CLIP));
            if (normBound != null) {
                policy = policy.with(new UpdatePolicy.NormBound(normBound, normBoundAction));
            }
            if (secureAggregation || noiseMultiplier != null) {
                policy = policy.with(UpdatePolicy.WeightBound.uniform());
            }
            if (ledger != null && noiseMultiplier == null) {
                throw new CliException(ExitCode.BAD_INPUT, "--ledger needs client-level DP: add --noise-multiplier.");
            }
            SqliteCheckpointStore store = checkpoint == null ? null : SqliteCheckpointStore.open(checkpoint);
            io.privkit.dp.ledger.PrivacyLedger privacyLedger = ledger == null ? null
                    : io.privkit.dp.ledger.PrivacyLedger.open(io.privkit.dp.ledger.LedgerLocation.parse(ledger));
            try {
                CoordinatorConfig.Builder b = CoordinatorConfig.builder().federationId(federation).allowList(allow).security(tls)
                        .bindAddress(InetAddress.getByName(bind)).port(port).rounds(rounds).strategy(strategy())
                        .sampling(samplingRate >= 1 ? ClientSampling.all() : ClientSampling.poisson(samplingRate))
                        .minResults(minResults).minAvailable(minResults).roundTimeout(roundTimeout).waitForClients(waitForClients)
                        .updatePolicy(policy).heartbeatInterval(heartbeat).checkpoints(store)
                        .randomness(insecureSeed == null ? Randomness.secure() : Randomness.insecureSeeded(insecureSeed))
                        .listener(RoundListener.printingTo(log));
                if (secureAggregation) {
                    b.secureAggregation(SecureAggregationConfig.withClipRange(clipRange));
                }
                if (hold != null) {
                    b.evaluator(w -> Map.of("accuracy", c.accuracy(w, hold)));
                }
                if (noiseMultiplier != null) {
                    ClientDpConfig dp = ClientDpConfig.fixed(noiseMultiplier, secureAggregation ? clipRange : dpClip, delta);
                    if (adaptiveClip) {
                        dp = dp.with(ClientDpConfig.AdaptiveClipping.withDefaults(Math.max(1, samplingRate * allow.size())));
                    }
                    b.clientDp(dp);
                    if (privacyLedger != null) {
                        b.budget(io.privkit.federated.coordinator.BudgetReservation.ledger(privacyLedger));
                    }
                }
                CoordinatorConfig config = b.build();
                ModelWeights init = c.initialize(Randomness.insecureSeeded(0).derive("init"));
                TrainingRun run;
                try (Coordinator coordinator = Coordinator.open(config, init)) {
                    log.println("coordinator for federation '" + federation + "' listening on " + bind + ":" + coordinator.port()
                            + " (mutual TLS, " + allow.size() + " allowed clients, run " + coordinator.runId()
                            + (coordinator.nextRound() > 1 ? ", resuming at round " + coordinator.nextRound() : "") + ")");
                    log.flush();
                    try {
                        run = coordinator.run();
                    } catch (io.privkit.dp.ledger.BudgetExceededException e) {
                        throw e;    // exit code 3: the ledger refused a round; its model was never released
                    } catch (IllegalStateException e) {
                        throw new CliException(ExitCode.IO_ERROR, e.getMessage());
                    }
                }
                EvidenceHeader.Builder header = EvidenceHeader.builder()
                        .subject(Subject.system(system != null ? system : "federated model of " + federation));
                if (hold != null) {
                    header.input(InputRef.ofFile("holdout", holdout, (long) hold.size()));
                }
                FederatedTrainingEvidence rec = FederatedEvidence.record(run, header);
                if (evidence != null) {
                    EvidenceJson.write(rec, evidence);
                }
                if (output.json()) {
                    out.print(new String(EvidenceJson.write(rec), StandardCharsets.UTF_8));
                } else {
                    log.println("done: " + rec.headline());
                    log.println("final model " + run.finalModel().sha256().hex() + (evidence != null ? "; evidence written to " + evidence : ""));
                }
                out.flush();
                return ExitCode.OK.code();
            } finally {
                if (store != null) {
                    store.close();
                }
                if (privacyLedger != null) {
                    privacyLedger.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------ join

    /** {@code privkit federated join}. */
    @Command(name = "join",
            header = "Take part as a client: train on a local CSV file each round and send only the model update.",
            description = {"", "Connects out to the coordinator (no inbound port needed) with this site's certificate from 'init';",
                "retries while the coordinator is unreachable (it may be restarting) for up to --max-offline.", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  privkit federated join --pki fed/clients/site-1 --coordinator localhost:50051 \\",
                "      --data data/site-1.csv --features 10 --classes 4"},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:The run finished.", "2:Invalid option, data file, or a model that does not match the coordinator's.",
                "4:The coordinator refused this client or stayed unreachable."})
    static final class Join implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--pki", required = true, paramLabel = "DIR", description = "This site's folder from 'init' (its certificate and ca.crt).")
        Path pki;

        @Option(names = "--coordinator", required = true, paramLabel = "HOST:PORT", description = "The coordinator's address.")
        String coordinator;

        @Option(names = "--data", required = true, paramLabel = "CSV", description = "This site's training data (header row; numeric features).")
        Path data;

        @Option(names = "--label", defaultValue = "label", paramLabel = "COLUMN", description = "Label column (default: ${DEFAULT-VALUE}).")
        String label;

        @Option(names = "--features", required = true, paramLabel = "F", description = "Input features of the model (as the coordinator's).")
        int features;

        @Option(names = "--classes", required = true, paramLabel = "K", description = "Classes of the model (as the coordinator's).")
        int classes;

        @Option(names = "--model", defaultValue = "softmax", paramLabel = "KIND", description = "softmax or mlp (default: ${DEFAULT-VALUE}).")
        ModelKind model;

        @Option(names = "--hidden", defaultValue = "32", paramLabel = "N", description = "Hidden units of the mlp (default: ${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--epochs", defaultValue = "1", paramLabel = "E", description = "Local epochs per round (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "10", paramLabel = "B", description = "Minibatch size; 0 for full batch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--learning-rate", defaultValue = "0.05", paramLabel = "ETA", description = "Local SGD learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--max-offline", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "TIME",
                description = "How long to keep retrying an unreachable coordinator (default: ${DEFAULT-VALUE}).")
        Duration maxOffline;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter log = output.json() ? new PrintWriter(PrintWriter.nullWriter()) : out;
            Dataset local = Dataset.readCsv(data, label, classes);
            if (local.dims() != features) {
                throw new CliException(ExitCode.BAD_INPUT, data + ": has " + local.dims() + " feature columns; --features is " + features
                        + ". Use the same --features as the coordinator.");
            }
            Classifier c = classifier(model, features, classes, hidden);
            TransportSecurity.MutualTls tls = TransportSecurity.MutualTls.clientFolder(pki);
            LocalSgd sgd = new LocalSgd(c, local, new LocalSgd.Options(epochs, batchSize, learningRate), Randomness.secure());
            AtomicReference<String> mismatch = new AtomicReference<>();
            AtomicReference<FederatedClient> self = new AtomicReference<>();
            ClientConfig config = ClientConfig.builder().target(coordinator).security(tls).maxOffline(maxOffline)
                    .log(line -> {
                        log.println(line);
                        log.flush();
                    }).build();
            List<String> problems = new ArrayList<>();
            FederatedClient.ClientSummary summary;
            try (FederatedClient client = FederatedClient.open(config, task -> {
                if (!task.globalModel().spec().equals(c.spec())) {
                    mismatch.set("the coordinator's model " + task.globalModel().spec().tensors() + " is not this site's "
                            + c.spec().tensors() + "; use the coordinator's --model, --features, --classes and --hidden");
                    self.get().stop();
                    throw new IllegalArgumentException(mismatch.get());
                }
                LocalUpdate u = sgd.train(task);
                return u;
            })) {
                self.set(client);
                try {
                    summary = client.run();
                } catch (IllegalStateException e) {
                    throw new CliException(ExitCode.IO_ERROR, e.getMessage());
                }
            }
            if (mismatch.get() != null) {
                problems.add(mismatch.get());
                throw new CliException(ExitCode.BAD_INPUT, problems);
            }
            if (output.json()) {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.put("client", summary.identity());
                root.put("tasksCompleted", summary.tasksCompleted());
                root.put("roundsCompleted", summary.roundsCompleted());
                root.put("finalModelSha256", summary.finalModelSha256());
                ObjectNode rej = root.putObject("rejections");
                summary.rejections().forEach(rej::put);
                out.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
            } else {
                log.println(summary.identity() + ": " + summary.tasksCompleted() + " updates accepted" + (summary.rejections().isEmpty() ? ""
                        : ", rejected " + summary.rejections()));
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
