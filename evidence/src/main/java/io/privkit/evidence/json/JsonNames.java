package io.privkit.evidence.json;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How enum constants are named in Privkit JSON: lower case with hyphens, so
 * {@code NeighbouringRelation.ADD_REMOVE} is {@code "add-remove"}. One rule for every enum, so
 * the JSON Schema, the writer and the reader cannot disagree.
 */
public final class JsonNames {
    private JsonNames() {
    }

    /** The JSON name of an enum constant. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} whose JSON name is {@code name}.
     *
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of " + allowed(type) + "; got \"" + name + "\"");
    }

    /** The allowed JSON names of {@code type}, comma-separated, for messages. */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(JsonNames::of).collect(Collectors.joining(", "));
    }
}
