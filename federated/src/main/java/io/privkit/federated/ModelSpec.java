package io.privkit.federated;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered list of named tensors that make up a model. A model's parameters are stored flat, in
 * this order, each tensor in row-major order; {@link #offset(int)} says where each tensor starts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tensors the tensors, in order; names unique
 */
public record ModelSpec(List<TensorSpec> tensors) {

    public ModelSpec {
        tensors = List.copyOf(Checks.requireNonEmpty(tensors, "tensors"));
        Set<String> names = new HashSet<>();
        long total = 0;
        for (TensorSpec t : tensors) {
            if (!names.add(t.name())) {
                throw Checks.argument("tensors").mustBe("uniquely named").got("'" + t.name() + "' twice")
                        .fix("Give every tensor its own name.").exception();
            }
            total += t.size();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw Checks.argument("tensors").mustBe("at most 2^31 - 9 parameters in total").got(total)
                    .fix("Federate a smaller model, or shard it.").exception();
        }
    }

    /** A model of the given tensors. */
    public static ModelSpec of(TensorSpec... tensors) {
        return new ModelSpec(List.of(tensors));
    }

    /** The total number of parameters. */
    public int size() {
        int n = 0;
        for (TensorSpec t : tensors) {
            n += t.size();
        }
        return n;
    }

    /** Where tensor {@code index} starts in the flat parameter vector. */
    public int offset(int index) {
        Checks.requireNonNegative(index, "index");
        int n = 0;
        for (int i = 0; i < index; i++) {
            n += tensors.get(i).size();
        }
        return n;
    }

    /** The index of the tensor named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** SHA-256 of the names and shapes, as {@code name:d1,d2;} per tensor in UTF-8. */
    public Sha256 digest() {
        MessageDigest md = Sha256.newDigest();
        for (TensorSpec t : tensors) {
            StringBuilder sb = new StringBuilder(t.name()).append(':');
            for (int i = 0; i < t.shape().size(); i++) {
                sb.append(i == 0 ? "" : ",").append(t.shape().get(i));
            }
            md.update(sb.append(';').toString().getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.fromBytes(md.digest());
    }
}
