package io.privkit.benchmarks.dp;

import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PldAccountant;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.RdpAccountant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: does one RDP epsilon (165 orders, fractional ones by the Mironov-Talwar-Zhang series)
 * for 10 000 DP-SGD steps take under 1 ms, as the issue requires? Peer, in the same run: the
 * tight PLD accountant on the same event (what RDP's speed buys). Each invocation accounts from
 * scratch (no cache across invocations).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RdpAccountantBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RdpAccountantBenchmark {
    private final RdpAccountant rdp = PrivacyAccountant.rdp();
    private final PldAccountant pld = PrivacyAccountant.pld();
    private final DpEvent event = DpEvent.gaussian(1.1).poissonSampled(0.01).selfComposed(10_000);

    /** RDP epsilon at delta 1e-5. */
    @Benchmark
    public double rdpEpsilon() {
        return rdp.account(event).epsilon(1e-5);
    }

    /** PLD epsilon at delta 1e-5 (peer). */
    @Benchmark
    public double pldEpsilon() {
        return pld.account(event).epsilon(1e-5);
    }
}
