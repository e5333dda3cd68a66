package io.privkit.benchmarks.drift;

import io.privkit.common.Randomness;
import io.privkit.drift.stream.Adwin;
import io.privkit.drift.stream.ChangeDetector;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how many ADWIN updates per second does Privkit's ADWIN sustain, against MOA's ADWIN
 * (the Java reference implementation) on the same stream, both with delta = 0.002 and a check every
 * 32 items? The stream is 1,000,000 N(0, 1) values with a mean shift of 1 every 200,000 values, so
 * both detectors cut and rebuild their windows. MOA is GPL-3.0: it is reached by reflection only
 * when the opt-in profile puts it on the class path ({@code mvn -pl benchmarks -am package
 * -DskipTests -Pmoa-peer}); without it the MOA benchmark fails fast with that instruction and the
 * Privkit one still runs. Report {@code privkitAdwin / moaAdwin} (ops/s ratio).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdwinBenchmark {
    static final int N = 1_000_000;
    double[] stream;

    @Setup(Level.Trial)
    public void setUp() {
        Randomness r = Randomness.insecureSeeded(7);
        stream = new double[N];
        for (int i = 0; i < N; i++) {
            stream[i] = KolmogorovSmirnovBenchmark.gauss(r) + ((i / 200_000) % 2);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int privkitAdwin() {
        ChangeDetector d = Adwin.withDefaults();
        int alarms = 0;
        for (double x : stream) {
            if (d.update(x) == ChangeDetector.Signal.DRIFT) {
                alarms++;
            }
        }
        return alarms;
    }

    /** MOA's ADWIN(0.002): constructor and setInput as constant method handles, which the JIT inlines like direct calls. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int moaAdwin() throws Throwable {
        if (Moa.SET_INPUT == null) {
            throw new IllegalStateException("MOA is not on the class path: build the benchmarks with -Pmoa-peer (GPL, opt-in)");
        }
        Object adwin = (Object) Moa.NEW.invokeExact(0.002);
        int alarms = 0;
        for (double x : stream) {
            if ((boolean) Moa.SET_INPUT.invokeExact(adwin, x)) {
                alarms++;
            }
        }
        return alarms;
    }

    /** MOA's ADWIN reached by reflection, when the opt-in profile put it on the class path. */
    static final class Moa {
        static final MethodHandle NEW;
        static final MethodHandle SET_INPUT;

        static {
            MethodHandle n = null;
            MethodHandle s = null;
            try {
                Class<?> c = Class.forName("moa.classifiers.core.driftdetection.ADWIN");
                MethodHandles.Lookup l = MethodHandles.publicLookup();
                n = l.findConstructor(c, MethodType.methodType(void.class, double.class))
                        .asType(MethodType.methodType(Object.class, double.class));
                s = l.findVirtual(c, "setInput", MethodType.methodType(boolean.class, double.class))
                        .asType(MethodType.methodType(boolean.class, Object.class, double.class));
            } catch (ReflectiveOperationException e) {
                // MOA absent: the benchmark says how to enable it
            }
            NEW = n;
            SET_INPUT = s;
        }

        private Moa() {
        }
    }
}
