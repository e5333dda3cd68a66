package io.privkit.evidence.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import io.privkit.common.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Privkit's deterministic JSON: the same value always gives the same bytes, so two runs diff
 * cleanly and a digest or signature over a record is stable.
 *
 * <ul>
 *   <li><b>Key order</b>: record fields in their declared order (the order of the published
 *       schema); map entries sorted by key.</li>
 *   <li><b>Numbers</b>: {@link JsonNumbers} (shortest round-trip digits, ECMAScript layout);
 *       non-finite doubles as the strings {@code "Infinity"}, {@code "-Infinity"}, {@code "NaN"}.</li>
 *   <li><b>Other scalars</b>: enums by {@link JsonNames}; {@link Instant} as ISO-8601 UTC
 *       ({@code 2026-11-23T09:30:00Z}); {@link LocalDate} as ISO-8601; {@link Sha256} as its hex.</li>
 *   <li><b>Layout</b>: UTF-8, two-space indent, {@code "key": value}, {@code \n} line ends, one
 *       array element per line, a final newline; nulls are written, never omitted.</li>
 * </ul>
 *
 * <p><b>Reading is strict</b>: duplicate keys, unknown fields, missing fields, trailing content,
 * floats where integers belong, and numbers given as strings are all rejected.
 *
 * <p>The mapper is configured once and then only read: thread-safe.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = build();

    private CanonicalJson() {
    }

    /** The configured mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The deterministic pretty printer (fresh instance: pretty printers are stateful). */
    public static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(separators);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        pp.indentObjectsWith(indenter);
        pp.indentArraysWith(indenter);
        return pp;
    }

    /** Writes {@code value} in the canonical layout, with a final newline. */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(prettyPrinter());
            MAPPER.writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Parses JSON text strictly into a tree.
     *
     * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException}) with the
     *                     line and column of the first syntax error
     */
    public static JsonNode readTree(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("privkit-canonical") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(new EnumSerializers());
                context.addDeserializers(new EnumDeserializers());
            }
        };
        module.addSerializer(Double.class, new DoubleSerializer());
        module.addSerializer(double.class, new DoubleSerializer());
        module.addDeserializer(Double.class, new DoubleDeserializer(false));
        module.addDeserializer(double.class, new DoubleDeserializer(true));
        module.addSerializer(Instant.class, new ToStringSerializer<>(DateTimeFormatter.ISO_INSTANT::format));
        module.addDeserializer(Instant.class, new ParsingDeserializer<>(Instant.class, "an ISO-8601 UTC time such as 2026-11-23T09:30:00Z", Instant::parse));
        module.addSerializer(LocalDate.class, new ToStringSerializer<>(LocalDate::toString));
        module.addDeserializer(LocalDate.class, new ParsingDeserializer<>(LocalDate.class, "an ISO-8601 date such as 2026-11-23", LocalDate::parse));
        module.addSerializer(Sha256.class, new ToStringSerializer<>(Sha256::hex));
        module.addDeserializer(Sha256.class, new ParsingDeserializer<>(Sha256.class, "64 lower-case hexadecimal characters", Sha256::new));

        return JsonMapper.builder()
                .addModule(module)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    // ------------------------------------------------------------------ scalars

    private static final class DoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            double d = value;
            if (Double.isNaN(d)) {
                gen.writeString("NaN");
            } else if (Double.isInfinite(d)) {
                gen.writeString(d > 0 ? "Infinity" : "-Infinity");
            } else {
                gen.writeNumber(JsonNumbers.format(d));
            }
        }
    }

    private static final class DoubleDeserializer extends JsonDeserializer<Double> {
        private final boolean primitive;

        DoubleDeserializer(boolean primitive) {
            this.primitive = primitive;
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                switch (p.getText()) {
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    case "NaN":
                        return Double.NaN;
                    default:
                        break;
                }
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            if (primitive) {
                throw com.fasterxml.jackson.databind.exc.MismatchedInputException.from(ctxt.getParser(), double.class,
                        "a number is required here, not null");
            }
            return null;
        }
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        private final java.util.function.Function<T, String> format;

        ToStringSerializer(java.util.function.Function<T, String> format) {
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(format.apply(value));
        }
    }

    private static final class ParsingDeserializer<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final String expected;
        private final java.util.function.Function<String, T> parse;

        ParsingDeserializer(Class<T> type, String expected, java.util.function.Function<String, T> parse) {
            this.type = type;
            this.expected = expected;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return type.cast(ctxt.handleWeirdStringValue(type, text, "must be " + expected));
            }
        }
    }

    // ------------------------------------------------------------------ enums

    private static final class EnumSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            return type.isEnumType() ? new EnumSerializer() : null;
        }
    }

    private static final class EnumSerializer extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(JsonNames.of(value));
        }
    }

    private static final class EnumDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config, BeanDescription beanDesc) {
            return new EnumDeserializer(type);
        }
    }

    private static final class EnumDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;

        EnumDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.handleUnexpectedToken(type, p);
            }
            String text = p.getText();
            try {
                return JsonNames.parse((Class) type, text);
            } catch (IllegalArgumentException e) {
                return ctxt.handleWeirdStringValue(type, text,
                        "must be one of " + JsonNames.allowed((Class) type));
            }
        }
    }
}
