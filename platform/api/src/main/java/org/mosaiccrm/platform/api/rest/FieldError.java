package org.mosaiccrm.platform.api.rest;

/** One invalid field of a request: its JSON name (dotted for nested fields) and why it was refused. */
public record FieldError(String field, String message) {
}
