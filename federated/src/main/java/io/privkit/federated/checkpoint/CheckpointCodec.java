package io.privkit.federated.checkpoint;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.coordinator.RoundReport;
import io.privkit.federated.strategy.StrategyState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned binary encoding of a {@link Checkpoint} (never Java serialisation). Doubles are
 * stored as their IEEE 754 bits, so a restored model is bit-identical. Stateless and thread-safe.
 */
public final class CheckpointCodec {
    private static final int MAGIC = 0x504B4350; // "PKCP"
    private static final int VERSION = 1;

    private CheckpointCodec() {
    }

    /** Encodes a checkpoint. */
    public static byte[] encode(Checkpoint c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(c.federationId());
            out.writeUTF(c.runId());
            out.writeInt(c.completedRounds());
            writeSpec(out, c.initialModel().spec());
            writeValues(out, c.initialModel());
            writeValues(out, c.model());
            out.writeUTF(c.strategyName());
            writeBytes(out, c.strategyState().toBytes());
            out.writeDouble(c.clipNorm());
            writeBytes(out, c.accountantState());
            out.writeUTF(c.samplerDescription());
            writeHistory(out, c.history());
            writeInstant(out, c.writtenAt());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Decodes {@link #encode}; a wrong or truncated encoding is an {@link IllegalArgumentException}. */
    public static Checkpoint decode(byte[] encoded) {
        Checks.requireNonNull(encoded, "encoded");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readInt() != MAGIC) {
                throw Checks.argument("checkpoint").mustBe("a Privkit coordinator checkpoint").got("other bytes")
                        .fix("Point the coordinator at its own checkpoint database.").exception();
            }
            int v = in.readInt();
            if (v != VERSION) {
                throw Checks.argument("checkpoint version").mustBe(String.valueOf(VERSION)).got(v)
                        .fix("Resume with the Privkit version that wrote it.").exception();
            }
            String fed = in.readUTF();
            String run = in.readUTF();
            int rounds = in.readInt();
            ModelSpec spec = readSpec(in);
            ModelWeights initial = readValues(in, spec);
            ModelWeights model = readValues(in, spec);
            String strategy = in.readUTF();
            StrategyState state = StrategyState.fromBytes(readBytes(in));
            double clip = in.readDouble();
            byte[] accountant = readBytes(in);
            String sampler = in.readUTF();
            RunHistory history = readHistory(in);
            Instant written = readInstant(in);
            return new Checkpoint(fed, run, rounds, initial, model, strategy, state, clip, accountant, sampler, history, written);
        } catch (IOException e) {
            throw Checks.argument("checkpoint").mustBe("complete").got("truncated (" + e.getMessage() + ")")
                    .fix("Resume from an intact checkpoint.").exception();
        }
    }

    private static void writeSpec(DataOutputStream out, ModelSpec spec) throws IOException {
        out.writeInt(spec.tensors().size());
        for (TensorSpec t : spec.tensors()) {
            out.writeUTF(t.name());
            out.writeInt(t.shape().size());
            for (int d : t.shape()) {
                out.writeInt(d);
            }
        }
    }

    private static ModelSpec readSpec(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<TensorSpec> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int r = in.readInt();
            List<Integer> shape = new ArrayList<>();
            for (int j = 0; j < r; j++) {
                shape.add(in.readInt());
            }
            ts.add(new TensorSpec(name, shape));
        }
        return new ModelSpec(ts);
    }

    private static void writeValues(DataOutputStream out, ModelWeights w) throws IOException {
        out.writeInt(w.size());
        for (int i = 0; i < w.size(); i++) {
            out.writeDouble(w.get(i));
        }
    }

    private static ModelWeights readValues(DataInputStream in, ModelSpec spec) throws IOException {
        int n = in.readInt();
        if (n != spec.size()) {
            throw new IOException("model has " + n + " values; spec has " + spec.size());
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return ModelWeights.of(spec, v);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IOException("implausible length " + n);
        }
        return in.readNBytes(n);
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeNullableDouble(DataOutputStream out, Double d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeDouble(d);
        }
    }

    private static Double readNullableDouble(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void writeHistory(DataOutputStream out, RunHistory h) throws IOException {
        writeInstant(out, h.startedAt());
        out.writeInt(h.rounds().size());
        for (RoundReport r : h.rounds()) {
            out.writeInt(r.round());
            out.writeUTF(r.outcome().name());
            out.writeInt(r.sampled());
            out.writeInt(r.reported());
            out.writeInt(r.dropped());
            out.writeInt(r.rejected());
            out.writeInt(r.rejections().size());
            for (Map.Entry<String, Integer> e : r.rejections().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
            out.writeUTF(r.modelSha256().hex());
            out.writeLong(r.duration().toNanos());
            out.writeLong(r.bytesReceived());
            out.writeUTF(r.detail());
            out.writeInt(r.metrics().size());
            for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            writeNullableDouble(out, r.clipNorm());
            writeNullableDouble(out, r.epsilon());
        }
        out.writeInt(h.incidents().size());
        for (FederatedTrainingEvidence.Incident i : h.incidents()) {
            out.writeBoolean(i.round() != null);
            if (i.round() != null) {
                out.writeInt(i.round());
            }
            out.writeUTF(i.kind());
            out.writeUTF(i.description());
        }
        out.writeInt(h.lateRejections().size());
        for (Map.Entry<String, Long> e : h.lateRejections().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeInt(h.siteMetrics().size());
        for (Map.Entry<String, Map<String, Double>> e : h.siteMetrics().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (Map.Entry<String, Double> m : e.getValue().entrySet()) {
                out.writeUTF(m.getKey());
                out.writeDouble(m.getValue());
            }
        }
    }

    private static RunHistory readHistory(DataInputStream in) throws IOException {
        Instant start = readInstant(in);
        int nr = in.readInt();
        List<RoundReport> rounds = new ArrayList<>();
        for (int k = 0; k < nr; k++) {
            int round = in.readInt();
            RoundReport.Outcome outcome = RoundReport.Outcome.valueOf(in.readUTF());
            int sampled = in.readInt();
            int reported = in.readInt();
            int dropped = in.readInt();
            int rejected = in.readInt();
            Map<String, Integer> rej = new TreeMap<>();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                rej.put(in.readUTF(), in.readInt());
            }
            Sha256 sha = new Sha256(in.readUTF());
            Duration d = Duration.ofNanos(in.readLong());
            long bytes = in.readLong();
            String detail = in.readUTF();
            Map<String, Double> metrics = new TreeMap<>();
            n = in.readInt();
            for (int i = 0; i < n; i++) {
                metrics.put(in.readUTF(), in.readDouble());
            }
            Double clip = readNullableDouble(in);
            Double eps = readNullableDouble(in);
            rounds.add(new RoundReport(round, outcome, sampled, reported, dropped, rejected, rej, sha, d, bytes, detail, metrics, clip, eps));
        }
        int ni = in.readInt();
        List<FederatedTrainingEvidence.Incident> incidents = new ArrayList<>();
        for (int k = 0; k < ni; k++) {
            Integer round = in.readBoolean() ? in.readInt() : null;
            incidents.add(new FederatedTrainingEvidence.Incident(round, in.readUTF(), in.readUTF()));
        }
        Map<String, Long> late = new TreeMap<>();
        int nl = in.readInt();
        for (int k = 0; k < nl; k++) {
            late.put(in.readUTF(), in.readLong());
        }
        Map<String, Map<String, Double>> sites = new TreeMap<>();
        int ns = in.readInt();
        for (int k = 0; k < ns; k++) {
            String site = in.readUTF();
            int nm = in.readInt();
            Map<String, Double> m = new TreeMap<>();
            for (int i = 0; i < nm; i++) {
                m.put(in.readUTF(), in.readDouble());
            }
            sites.put(site, m);
        }
        return new RunHistory(start, rounds, incidents, late, sites);
    }
}
