package io.privkit.federated;

import io.privkit.common.Checks;
import java.util.List;

/**
 * The name and shape of one tensor of a model, e.g. {@code dense0/W} of shape {@code [784, 64]}.
 *
 * <p>Every update a client sends is checked against the global model's tensor list, name by name
 * and shape by shape, before it is accumulated: a shape mismatch is never broadcast or reshaped.
 * A scalar has the empty shape and one element.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name  the tensor's name, unique within a model
 * @param shape the dimensions, each at least 1
 */
public record TensorSpec(String name, List<Integer> shape) {

    public TensorSpec {
        Checks.requireNonBlank(name, "tensor name");
        shape = List.copyOf(Checks.requireNoNullElements(shape, "shape of tensor '" + name + "'"));
        long n = 1;
        for (int d : shape) {
            if (d < 1) {
                throw Checks.argument("shape of tensor '" + name + "'").mustBe("made of dimensions >= 1").got(shape)
                        .fix("Give every dimension as a positive size.").exception();
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw Checks.argument("shape of tensor '" + name + "'").mustBe("at most 2^31 - 9 elements").got(shape)
                        .fix("Split the tensor into several named tensors.").exception();
            }
        }
    }

    /** A tensor of the given dimensions. */
    public static TensorSpec of(String name, int... shape) {
        Checks.requireNonNull(shape, "shape");
        return new TensorSpec(name, java.util.Arrays.stream(shape).boxed().toList());
    }

    /** The number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + shape;
    }
}
