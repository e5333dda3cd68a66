package io.privkit.evidence.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code double} field that may be positive infinity, such as an epsilon when a release
 * gives no differential-privacy guarantee. JSON has no infinity, so it is written as the string
 * {@code "Infinity"}; every other double field must be a finite JSON number.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MayBeInfinite {
}
