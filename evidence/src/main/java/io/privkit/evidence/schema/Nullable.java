package io.privkit.evidence.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record field that may be {@code null} in Java and in JSON. Every field is always
 * present in a record's JSON (so every record of a type has the same shape); only fields marked
 * here may hold {@code null}, meaning "not applicable" or "not known", as the field's
 * {@link Doc} says. Unmarked reference fields are required to be non-null.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Nullable {
}
