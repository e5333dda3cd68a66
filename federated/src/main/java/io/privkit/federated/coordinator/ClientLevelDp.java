package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.noise.VectorGaussianNoise;
import io.privkit.federated.strategy.ClientUpdate;
import io.privkit.federated.strategy.RoundResults;
import io.privkit.federated.strategy.UpdateReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Client-level differential privacy for one run (DP-FedAvg; see {@link ClientDpConfig}): clipping,
 * Gaussian noise from dp-core's {@link VectorGaussianNoise} (discrete Gaussian on a grid, keyed from
 * SecureRandom), adaptive clipping, the per-round privacy event, the budget reservation before
 * release, and the epsilon over the run.
 *
 * <p><b>One round</b> with sampling rate {@code q} over a roster of {@code N}, fixed denominator
 * {@code m = qN}, clip {@code C_t}:
 * <pre>
 *   S   = Σ_k Δ_k · min(1, C_t (1 - 1e-9) / ||Δ_k||)  +  N(0, (z_Δ C_t)² I)
 *   Δ̄   = S / m                                       (the strategy then applies Δ̄)
 *   b̃   = (Σ_k (1[||Δ_k|| ≤ C_t] - ½) + N(0, σ_b²)) / m + ½        (adaptive only)
 *   C_{t+1} = C_t · exp(-η (b̃ - γ))
 * </pre>
 * The update sum has L2 sensitivity {@code C_t} and the centred count ½ under adding or removing one
 * client, so the round is one Poisson-subsampled Gaussian mechanism with noise multiplier
 * {@code (z_Δ^-2 + (2σ_b)^-2)^-1/2 = z} (two Gaussian queries on the same sample compose into one
 * Gaussian); the samplers' proven slack is added (their log-ratio bounds add, their bad-set
 * probabilities add). The run is accounted as that event self-composed over the released rounds,
 * with the largest slack of any round (errs towards more privacy loss). Clipping keeps a factor
 * {@code 1 - 1e-9} of headroom so floating-point rounding of the norm can never push a clipped
 * update above {@code C_t} (errs towards more privacy). Every round releases a noisy model, whatever
 * the number of reports: skipping a round because too few clients answered would itself depend on
 * who took part.
 *
 * <p><b>Trust</b>: central DP. The coordinator sees the (clipped) updates or, under secure
 * aggregation, their sum; the guarantee protects every client against anyone who sees the released
 * models, not against the coordinator. Not thread-safe: the round thread drives it.
 */
final class ClientLevelDp {
    private static final double CLIP_HEADROOM = 1 - 1e-9;

    private final ClientDpConfig config;
    private final double samplingRate;
    private final double denominator;
    private final int dimension;
    private final Randomness noise;
    private final PrivacyAccountant accountant;
    private double clipNorm;
    private long releases;
    private double maxSlackLogRatio;
    private double maxSlackProbability;

    /** A round's privatised sum, not yet released. */
    record Pending(RoundResults.Summed results, double clipUsed, double nextClip, DpEvent event, double slackLogRatio,
                   double slackProbability) {
    }

    ClientLevelDp(ClientDpConfig config, double samplingRate, int rosterSize, int dimension, Randomness noise, PrivacyAccountant accountant) {
        this.config = Checks.requireNonNull(config, "config");
        this.samplingRate = samplingRate;
        this.denominator = samplingRate * rosterSize;
        this.dimension = dimension;
        this.noise = Checks.requireNonNull(noise, "noise");
        this.accountant = Checks.requireNonNull(accountant, "accountant");
        this.clipNorm = config.clipNorm();
    }

    double clipNorm() {
        return clipNorm;
    }

    long releases() {
        return releases;
    }

    /** Clips each update to {@code C_t}, sums, counts the unclipped, adds noise (nothing is committed). */
    Pending privatize(int round, List<ClientUpdate> updates) throws IOException {
        double c = clipNorm;
        double[] sum = new double[dimension];
        double[] buf = new double[Math.min(8192, dimension)];
        double centredCount = 0;
        for (ClientUpdate u : updates) {
            double norm = effectiveNorm(u);
            double f = norm > 0 ? Math.min(1.0, c * CLIP_HEADROOM / norm) : 1.0;
            centredCount += (norm <= c ? 1 : 0) - 0.5;
            try (UpdateReader r = u.open()) {
                int pos = 0;
                int n;
                while (pos < dimension && (n = r.read(buf, 0, Math.min(buf.length, dimension - pos))) > 0) {
                    for (int i = 0; i < n; i++) {
                        sum[pos + i] += f * buf[i];
                    }
                    pos += n;
                }
            }
        }
        return noised(round, sum, centredCount, updates.size(), c);
    }

    /**
     * Adds noise to a sum of updates each already clipped to {@code C_t} by the clients (secure
     * aggregation); fixed clip only.
     */
    Pending privatizeSum(int round, double[] clippedSum, int contributors) {
        return noised(round, clippedSum.clone(), 0, contributors, clipNorm);
    }

    private Pending noised(int round, double[] sum, double centredCount, int contributors, double c) {
        double zUpdate = config.updateNoiseMultiplier();
        VectorGaussianNoise updateNoise = VectorGaussianNoise.builder().noiseMultiplier(zUpdate).l2Sensitivity(c).dimension(dimension)
                .seedSource(noise.derive("round-" + round + "/update")).build();
        updateNoise.addNoise(sum);
        double eta = updateNoise.eventPerRelease().maxLogRatio();
        double tau = updateNoise.eventPerRelease().probability();
        double next = c;
        if (config.adaptive() != null) {
            ClientDpConfig.AdaptiveClipping a = config.adaptive();
            // The centred count has sensitivity 1/2; multiplier 2 sigma_b gives noise sigma_b.
            VectorGaussianNoise countNoise = VectorGaussianNoise.builder().noiseMultiplier(2 * a.countNoiseStddev()).l2Sensitivity(0.5)
                    .dimension(1).seedSource(noise.derive("round-" + round + "/count")).build();
            double[] count = {centredCount};
            countNoise.addNoise(count);
            eta += countNoise.eventPerRelease().maxLogRatio();
            tau += countNoise.eventPerRelease().probability();
            double fraction = count[0] / denominator + 0.5;
            next = c * Math.exp(-a.learningRate() * (fraction - a.targetQuantile()));
        }
        DpEvent event = new DpEvent.SamplerSlack(new DpEvent.PoissonSampled(samplingRate, DpEvent.gaussian(config.noiseMultiplier())),
                eta, tau);
        return new Pending(new RoundResults.Summed(sum, denominator, contributors), c, next, event, eta, tau);
    }

    /** Commits a released round: the clip moves, the release is counted. */
    void commit(Pending p) {
        clipNorm = p.nextClip();
        releases++;
        maxSlackLogRatio = Math.max(maxSlackLogRatio, p.slackLogRatio());
        maxSlackProbability = Math.max(maxSlackProbability, p.slackProbability());
    }

    /** The run's event so far: the round event with the largest slack, self-composed over the releases. */
    DpEvent runEvent() {
        if (releases == 0) {
            return new DpEvent.NoOp();
        }
        return new DpEvent.SelfComposed(new DpEvent.SamplerSlack(new DpEvent.PoissonSampled(samplingRate,
                DpEvent.gaussian(config.noiseMultiplier())), maxSlackLogRatio, maxSlackProbability), releases);
    }

    /** Epsilon at the configured delta over the released rounds (0 before any release). */
    double epsilon() {
        return releases == 0 ? 0 : accountant.account(runEvent()).epsilon(config.delta());
    }

    /** The accountant's name for evidence. */
    String accountantName() {
        return accountant.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static double effectiveNorm(ClientUpdate u) {
        if (u instanceof SpooledUpdate s) {
            return u.receivedNorm() * s.scale();
        }
        return u.receivedNorm();
    }

    /** State for checkpoints: clip norm, releases, largest slack. */
    byte[] state() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(b);
            out.writeInt(1);
            out.writeDouble(clipNorm);
            out.writeLong(releases);
            out.writeDouble(maxSlackLogRatio);
            out.writeDouble(maxSlackProbability);
            out.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores {@link #state()}. */
    void restore(byte[] state) {
        if (state.length == 0) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != 1) {
                throw Checks.argument("accountant state").mustBe("version 1").got("another version").noFix().exception();
            }
            clipNorm = in.readDouble();
            releases = in.readLong();
            maxSlackLogRatio = in.readDouble();
            maxSlackProbability = in.readDouble();
        } catch (IOException e) {
            throw Checks.argument("accountant state").mustBe("complete").got(e.getMessage()).noFix().exception();
        }
    }
}
