package io.privkit.evidence.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a record field means and why a DPIA reader needs it. The text becomes the field's
 * {@code description} in the published JSON Schema, so it is written for the reader of a record,
 * not for a Java programmer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {
    /** The description. */
    String value();
}
