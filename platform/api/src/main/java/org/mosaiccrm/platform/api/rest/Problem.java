package org.mosaiccrm.platform.api.rest;

import java.util.List;

/**
 * The body of every error answer, as RFC 9457 defines it. {@code errors} names the offending
 * fields of a request that failed validation and is empty otherwise.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
