package io.privkit.cli;

import io.privkit.dp.accounting.DpEvent;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that describe a privacy event on the command line, shared by {@code privkit
 * accountant} and {@code privkit ledger spend}: a Gaussian (DP-SGD) or Laplace mechanism with its
 * noise multiplier or scale, an optional Poisson sampling rate, and a number of steps.
 */
public final class EventOptions {
    /** The mechanism. */
    public enum Mechanism {
        /** Gaussian noise; the scale is the noise multiplier (standard deviation over L2 sensitivity). */
        GAUSSIAN,
        /** Laplace noise; the scale is the Laplace scale over L1 sensitivity (1/epsilon of one release). */
        LAPLACE
    }

    @Option(names = "--mechanism", paramLabel = "gaussian|laplace", defaultValue = "gaussian",
            description = "The noise mechanism (default: ${DEFAULT-VALUE}).")
    Mechanism mechanism;

    @Option(names = "--noise-multiplier", paramLabel = "S",
            description = "Gaussian noise standard deviation divided by the L2 sensitivity (clipping norm), e.g. 1.1.")
    Double noiseMultiplier;

    @Option(names = "--scale", paramLabel = "B",
            description = "Noise scale over sensitivity: the noise multiplier for gaussian, the Laplace scale b for laplace.")
    Double scale;

    @Option(names = "--sampling-rate", paramLabel = "Q", defaultValue = "1",
            description = "Poisson sampling probability per step (expected batch size / dataset size); 1 for no sampling (default).")
    double samplingRate;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "1",
            description = "Number of steps or releases composed (default: ${DEFAULT-VALUE}).")
    long steps;

    /** The scale given by --noise-multiplier or --scale, or null when neither was given. */
    Double givenScale() {
        if (noiseMultiplier != null && scale != null) {
            throw new CliException(ExitCode.BAD_INPUT, "--noise-multiplier and --scale must not both be given; got "
                    + noiseMultiplier + " and " + scale + ". They mean the same; give one.");
        }
        return noiseMultiplier != null ? noiseMultiplier : scale;
    }

    /** Checks the options, collecting every problem. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!(samplingRate > 0 && samplingRate <= 1)) {
            p.add("--sampling-rate must be in (0, 1]; got " + samplingRate + ". Give expected batch size / dataset size, e.g. 0.01.");
        }
        if (steps < 1) {
            p.add("--steps must be at least 1; got " + steps + ". Give the number of noisy steps or releases.");
        }
        Double s = noiseMultiplier != null ? noiseMultiplier : scale;
        if (s != null && !(s > 0 && Double.isFinite(s))) {
            p.add((noiseMultiplier != null ? "--noise-multiplier" : "--scale") + " must be a finite number > 0; got " + s
                    + ". Give the noise scale over sensitivity, e.g. 1.1.");
        }
        return p;
    }

    /** The event for a given scale. */
    DpEvent event(double s) {
        DpEvent one = mechanism == Mechanism.GAUSSIAN ? DpEvent.gaussian(s) : DpEvent.laplace(s);
        DpEvent sampled = samplingRate < 1 ? one.poissonSampled(samplingRate) : one;
        return steps == 1 ? sampled : sampled.selfComposed(steps);
    }

    /** A phrase describing the event, e.g. "Poisson-sampled Gaussian, noise multiplier 1.1, sampling rate 0.01, 10000 steps". */
    String describe(double s) {
        String m = mechanism == Mechanism.GAUSSIAN ? "Gaussian, noise multiplier " : "Laplace, scale ";
        return (samplingRate < 1 ? "Poisson-sampled " : "") + m + plain(s)
                + (samplingRate < 1 ? ", sampling rate " + plain(samplingRate) : "") + ", " + steps + (steps == 1 ? " step" : " steps");
    }

    /** An input echoed back: the shortest decimal that reads back as the same double. */
    static String plain(double v) {
        return io.privkit.evidence.json.JsonNumbers.format(v);
    }

    /** Six significant digits, rounded up: a privacy figure shown is never below the one computed. */
    static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return "infinity";
        }
        if (v == 0) {
            return "0";
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6, java.math.RoundingMode.CEILING));
        return b.stripTrailingZeros().toString().replace("E", "e");
    }
}
