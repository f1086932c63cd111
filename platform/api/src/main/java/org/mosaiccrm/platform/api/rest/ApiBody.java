package org.mosaiccrm.platform.api.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON body a resource method reads, for the OpenAPI document, when its Java signature
 * cannot say it: a {@code Map} read with {@link FieldReader#of}, or a stream. The record's
 * components are the fields a client may send, with their names and types; write one input
 * record next to the field set it documents ({@code @ApiBody(PersonInput.class)}).
 * <p>
 * On a method that also takes {@code If-Match}, the body may carry the record's
 * {@code version} instead ({@link Versions#expected}); the document adds that field itself,
 * so one input record serves both the create and the update.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiBody {

    /** A record whose components are the body's fields. */
    Class<? extends Record> value();
}
