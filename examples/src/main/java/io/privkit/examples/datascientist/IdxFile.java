package io.privkit.examples.datascientist;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads an IDX file, the format of MNIST and Fashion-MNIST (LeCun et al., "The MNIST database";
 * Xiao, Rasul and Vollgraf, "Fashion-MNIST", arXiv:1708.07747, 2017), gzip-compressed or not.
 *
 * <p>Layout, big-endian: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only type
 * these datasets use), the number of dimensions, one 32-bit size per dimension, then the values in
 * row-major order. Anything else (another magic, a truncated file, trailing bytes) is refused with
 * a {@link DataFormatException} naming the file.
 *
 * @param dimensions the size of each dimension, e.g. [60000, 28, 28]
 * @param data       the values as unsigned bytes, row-major
 */
public record IdxFile(int[] dimensions, byte[] data) {

    public IdxFile {
        Checks.requireNonNull(dimensions, "dimensions");
        Checks.requireNonNull(data, "data");
        dimensions = dimensions.clone();
        long count = 1;
        for (int d : dimensions) {
            count *= d;
        }
        if (count != data.length) {
            throw Checks.argument("data").mustBe("of length " + count + " (the product of the dimensions)").got(data.length)
                    .noFix().exception();
        }
    }

    /** The value at flat index {@code i}, 0..255. */
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }

    /**
     * Reads {@code file} (gzip-compressed when it starts with the gzip magic bytes).
     *
     * @throws DataFormatException when the file is not an unsigned-byte IDX file
     * @throws IOException         when it cannot be read
     */
    public static IdxFile read(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            int magic;
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                throw new DataFormatException(file, 0, null, "the file must start with a 4-byte IDX magic number; got "
                        + "fewer bytes. Pass an IDX file such as train-images-idx3-ubyte.gz.");
            }
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != 0x08 || rank < 1 || rank > 4) {
                throw new DataFormatException(file, 0, null, String.format(
                        "the magic number must be 0x000008NN (unsigned bytes, 1 to 4 dimensions); got 0x%08X. "
                                + "Pass an IDX file such as train-images-idx3-ubyte.gz.", magic));
            }
            int[] dims = new int[rank];
            long count = 1;
            try {
                for (int i = 0; i < rank; i++) {
                    dims[i] = data.readInt();
                    if (dims[i] < 1) {
                        throw new DataFormatException(file, 0, null, "dimension " + i + " must be at least 1; got " + dims[i]
                                + ". The file is damaged; download it again.");
                    }
                    count *= dims[i];
                }
                if (count > Integer.MAX_VALUE - 16) {
                    throw new DataFormatException(file, 0, null, "the file must hold fewer than 2^31 values; got " + count + ".");
                }
                byte[] values = new byte[(int) count];
                data.readFully(values);
                if (data.read() != -1) {
                    throw new DataFormatException(file, 0, null, "the file must end after its " + count
                            + " values; got more bytes. The file is damaged or not an IDX file.");
                }
                return new IdxFile(dims, values);
            } catch (EOFException e) {
                throw new DataFormatException(file, 0, null, "the file must hold " + count + " values after its header; "
                        + "got fewer (truncated). Download it again.", e);
            }
        }
    }
}
