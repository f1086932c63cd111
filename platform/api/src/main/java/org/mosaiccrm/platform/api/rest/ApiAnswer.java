package org.mosaiccrm.platform.api.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

/**
 * What a resource method answers on success, for the OpenAPI document, when its Java
 * signature cannot say it (it returns {@code Response}): the status, the body's record and
 * the headers sent with it. A create through {@code Records.created} is
 * {@code @ApiAnswer(status = 201, value = PersonView.class, headers = {LOCATION, ETAG})}; a read
 * or update through {@code Records.ok} is {@code @ApiAnswer(value = PersonView.class, headers = ETAG)};
 * a delete is {@code @ApiAnswer(status = 204)}. Problems (400, 401, 403, 404, 409) are
 * documented from the signature and need no annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiAnswer {

    /** {@code Location}: where the created record is read. */
    String LOCATION = HttpHeaders.LOCATION;

    /** {@code ETag}: the record's version, quoted, to send back in {@code If-Match}. */
    String ETAG = HttpHeaders.ETAG;

    /** The success status. */
    int status() default 200;

    /** The body's type: a record (or {@code String} for text such as CSV); {@code Void} for none. */
    Class<?> value() default Void.class;

    /** The response headers sent with it, such as {@link #LOCATION} and {@link #ETAG}. */
    String[] headers() default {};

    /** The body's media type. */
    String type() default MediaType.APPLICATION_JSON;
}
