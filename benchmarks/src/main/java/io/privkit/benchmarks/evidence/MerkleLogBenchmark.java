package io.privkit.benchmarks.evidence;

import io.privkit.evidence.log.Merkle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how much does the one-pass RFC 6962 tree head ({@link Merkle#root}, a stack of perfect
 * subtrees) save over the recursive definition ({@link Merkle#rootByDefinition}, the reference the
 * tests compare it with) when a verifier recomputes an evidence log's root? Peer: the recursive
 * definition, in the same run. The one-pass root hashes each inner node once (n - 1 node hashes);
 * the recursion also hashes n - 1 nodes but copies sub-list views at every level, so the expected
 * ratio is modest; the benchmark checks the fast path is never slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MerkleLogBenchmark {
    @Param({"1000", "100000"})
    int leaves;

    List<byte[]> hashes;

    @Setup
    public void setUp() {
        hashes = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            hashes.add(Merkle.leafHash(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}));
        }
    }

    @Benchmark
    public byte[] onePassRoot() {
        return Merkle.root(hashes);
    }

    @Benchmark
    public byte[] recursiveDefinitionRoot() {
        return Merkle.rootByDefinition(hashes);
    }
}
