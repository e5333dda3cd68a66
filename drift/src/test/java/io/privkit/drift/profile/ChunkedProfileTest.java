package io.privkit.drift.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import io.privkit.common.Fingerprint;
import io.privkit.common.Randomness;
import io.privkit.drift.table.Schema;
import io.privkit.drift.table.TableReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunked parallel CSV path of {@link Profiler#profileCsv} against the sequential reference
 * path ({@code profileSequential}: one parser, one profile): equal rows and counts whatever the
 * chunk size, thread count, quoting and line ends; the same error as the reference path for bad input.
 */
class ChunkedProfileTest {
    @TempDir
    Path dir;

    /** A reference profile with numeric x, y and categorical label c (the label is quoted and may hold commas and line breaks). */
    TableProfile reference() throws IOException {
        Path ref = write("ref.csv", 4000, 1, false, "\n");
        return Profiler.withDefaults().reference(TableReader.withDefaults().read(ref, Schema.inferAll()));
    }

    Path write(String name, int rows, long seed, boolean nastyLabels, String eol) throws IOException {
        Randomness r = Randomness.insecureSeeded(seed);
        StringBuilder sb = new StringBuilder("x,y,c" + eol);
        String[] plain = {"a", "b", "c", "d"};
        String[] nasty = {"\"a,1\"", "\"line\nbreak\"", "\"say \"\"hi\"\"\"", "\"\r\n\"", "\"d\"", "\"a\n\n,b\""};
        for (int i = 0; i < rows; i++) {
            double u = r.nextDouble();
            sb.append(i % 53 == 0 ? "" : i % 71 == 0 ? "NA" : String.valueOf(Math.round(u * 100000) / 1000.0)).append(',')
                    .append(r.nextInt(50) - 25).append(',')
                    .append(nastyLabels ? nasty[r.nextInt(nasty.length)] : plain[r.nextInt(plain.length)]).append(eol);
            if (i % 97 == 0) {
                sb.append(eol); // a blank line is skipped
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb, StandardCharsets.UTF_8);
        return p;
    }

    static void assertSameCounts(TableProfile expected, TableProfile got) {
        assertEquals(expected.rows(), got.rows());
        assertEquals(expected.sha256(), got.sha256());
        for (String col : expected.columns().keySet()) {
            TableProfile.ColumnProfile e = expected.columns().get(col);
            TableProfile.ColumnProfile g = got.columns().get(col);
            if (e.numeric() != null) {
                NumericProfile a = e.numeric();
                NumericProfile b = g.numeric();
                assertArrayEquals(a.fineCounts(), b.fineCounts(), col);
                assertArrayEquals(a.coarseCounts(), b.coarseCounts(), col);
                assertEquals(a.count(), b.count(), col);
                assertEquals(a.missing(), b.missing(), col);
                assertEquals(a.min(), b.min(), col);
                assertEquals(a.max(), b.max(), col);
                assertEquals(a.sketch().getN(), b.sketch().getN(), col);
                // moments: the same values summed in another grouping differ by rounding only
                assertEquals(a.mean(), b.mean(), 1e-12 * Math.max(1, Math.abs(a.mean())), col);
                assertEquals(a.m2(), b.m2(), 1e-10 * Math.max(1, a.m2()), col);
            } else {
                assertEquals(e.categorical().counts(), g.categorical().counts(), col);
                assertEquals(e.categorical().missing(), g.categorical().missing(), col);
            }
        }
    }

    TableProfile sequential(Path file, TableProfile ref) throws IOException {
        return Profiler.withDefaults().profileSequential(file, ref, Fingerprint.of(file));
    }

    @Test
    void profileCsv_smallChunksAnyThreads_equalSequentialReference() throws IOException {
        TableProfile ref = reference();
        for (String eol : new String[] {"\n", "\r\n"}) {
            Path cur = write("cur.csv", 20_000, 2, false, eol);
            TableProfile seq = sequential(cur, ref);
            assertEquals(20_000, seq.rows());
            for (long chunk : new long[] {1, 777, 4096, 100_000, 1 << 30}) {
                TableProfile one = Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 1)).withChunkBytes(chunk).profileCsv(cur, ref);
                TableProfile three = Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 3)).withChunkBytes(chunk).profileCsv(cur, ref);
                assertSameCounts(seq, one);
                assertSameCounts(seq, three);
                // and it was the chunked path that made them, not the fallback
                assertSameCounts(seq, Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 2)).withChunkBytes(chunk)
                        .profileChunkedOnly(cur, ref));
                // the chunks and their merge order do not depend on the thread count: equal moments bit for bit
                for (String col : new String[] {"x", "y"}) {
                    assertEquals(one.columns().get(col).numeric().mean(), three.columns().get(col).numeric().mean(), 0.0);
                    assertEquals(one.columns().get(col).numeric().m2(), three.columns().get(col).numeric().m2(), 0.0);
                }
            }
        }
    }

    @Test
    void profileCsv_quotedLineBreaksAcrossCuts_equalSequentialReference() throws IOException {
        TableProfile ref = reference();
        Path cur = write("nasty.csv", 5000, 3, true, "\n");
        TableProfile seq = sequential(cur, ref);
        assertEquals(5000, seq.rows());
        // many cuts land inside quoted fields: those chunks fail and the reference path takes over
        for (long chunk : new long[] {64, 1000, 50_000}) {
            TableProfile got = Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 2)).withChunkBytes(chunk).profileCsv(cur, ref);
            assertSameCounts(seq, got);
        }
        // the small chunks do cut inside quotes: the chunked path alone refuses the file rather than miscount
        assertEquals(null, Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 2)).withChunkBytes(64).profileChunkedOnly(cur, ref));
    }

    @Test
    void profileCsv_badValueInLaterChunk_sameErrorAndLineAsSequential() throws IOException {
        TableProfile ref = reference();
        Path cur = write("bad.csv", 3000, 4, false, "\n");
        java.util.List<String> lines = Files.readAllLines(cur);
        lines.set(2500, "oops," + lines.get(2500).substring(lines.get(2500).indexOf(',') + 1));
        Files.write(cur, lines);
        DataFormatException seq = assertThrows(DataFormatException.class, () -> sequential(cur, ref));
        DataFormatException par = assertThrows(DataFormatException.class,
                () -> Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 2)).withChunkBytes(2000).profileCsv(cur, ref));
        assertEquals(seq.getMessage(), par.getMessage());
        assertTrue(par.getMessage().contains("row 2501") || par.getMessage().contains("2501"), par.getMessage());
    }

    @Test
    void cuts_everyCutFollowsALineFeed_increasingAndCoveringTheFile() throws IOException {
        Path cur = write("cuts.csv", 2000, 5, false, "\n");
        byte[] bytes = Files.readAllBytes(cur);
        try (FileChannel ch = FileChannel.open(cur, StandardOpenOption.READ)) {
            long header = Profiler.headerEnd(ch, ch.size());
            assertEquals("x,y,c\n".length(), header);
            for (long chunk : new long[] {1, 10, 333, 5000, 1 << 30}) {
                long[] cuts = Profiler.cuts(ch, header, ch.size(), chunk);
                assertEquals(header, cuts[0]);
                assertEquals(bytes.length, cuts[cuts.length - 1]);
                for (int i = 1; i < cuts.length; i++) {
                    assertTrue(cuts[i] > cuts[i - 1]);
                    if (i < cuts.length - 1) {
                        assertEquals('\n', bytes[(int) cuts[i] - 1]);
                    }
                }
            }
        }
    }
}
