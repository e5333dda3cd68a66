package io.privkit.examples.datascientist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path tmp;

    static byte[] idx(int magic, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(values);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void read_plainAndGzipped_sameValuesAndDimensions() throws IOException {
        byte[] values = {0, 1, 2, (byte) 200, (byte) 255, 7};
        byte[] raw = idx(0x00000803, new int[] {1, 2, 3}, values);
        Files.write(tmp.resolve("a"), raw);
        Files.write(tmp.resolve("a.gz"), gzip(raw));
        for (String name : new String[] {"a", "a.gz"}) {
            IdxFile f = IdxFile.read(tmp.resolve(name));
            assertArrayEquals(new int[] {1, 2, 3}, f.dimensions());
            assertEquals(200, f.unsigned(3));
            assertEquals(255, f.unsigned(4));
        }
    }

    @Test
    void read_wrongMagic_refusedNamingTheFile() throws IOException {
        Files.write(tmp.resolve("b"), idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.read(tmp.resolve("b")));
        assertEquals(tmp.resolve("b") + ": the magic number must be 0x000008NN (unsigned bytes, 1 to 4 dimensions); "
                + "got 0x00000D03. Pass an IDX file such as train-images-idx3-ubyte.gz.", e.getMessage());
    }

    @Test
    void read_truncatedOrTrailingBytes_refused() throws IOException {
        Files.write(tmp.resolve("c"), idx(0x00000801, new int[] {5}, new byte[3]));
        DataFormatException t = assertThrows(DataFormatException.class, () -> IdxFile.read(tmp.resolve("c")));
        assertTrue(t.getMessage().endsWith("the file must hold 5 values after its header; got fewer (truncated). Download it again."));
        Files.write(tmp.resolve("d"), idx(0x00000801, new int[] {2}, new byte[3]));
        DataFormatException x = assertThrows(DataFormatException.class, () -> IdxFile.read(tmp.resolve("d")));
        assertTrue(x.getMessage().contains("must end after its 2 values"), x.getMessage());
    }

    @Test
    void load_missingFolder_saysWhatToInstall() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FashionMnist.load(tmp.resolve("none"), 10, 10));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(!FashionMnist.present(tmp));
    }

    @Test
    void load_smallIdxFolder_shapesAndScaling() throws IOException {
        byte[] img = new byte[3 * 784];
        img[0] = (byte) 255;
        img[784 + 5] = (byte) 51;
        for (String prefix : new String[] {"train", "t10k"}) {
            Files.write(tmp.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(idx(0x00000803, new int[] {3, 28, 28}, img)));
            Files.write(tmp.resolve(prefix + "-labels-idx1-ubyte"), idx(0x00000801, new int[] {3}, new byte[] {9, 0, 4}));
        }
        assertTrue(FashionMnist.present(tmp));
        FashionMnist d = FashionMnist.load(tmp, 2, 3);
        assertArrayEquals(new long[] {2, 1, 28, 28}, d.train().getFeatures().shape());
        assertEquals(1.0, d.train().getFeatures().getDouble(0, 0, 0, 0), 1e-7);
        assertEquals(0.2, d.train().getFeatures().getDouble(1, 0, 0, 5), 1e-7);
        assertEquals(1.0, d.train().getLabels().getDouble(0, 9), 0.0);
        assertEquals(3, d.test().numExamples());
    }
}
