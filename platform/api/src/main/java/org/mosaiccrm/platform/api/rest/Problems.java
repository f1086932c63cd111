package org.mosaiccrm.platform.api.rest;

import java.util.List;

/** Factory of the problems the API answers with; one place for their titles and type URIs. */
public final class Problems {

    private static final String TYPE_BASE = "https://mosaiccrm.org/problems/";

    private Problems() {
    }

    public static ProblemException of(int status, String slug, String title, String detail) {
        return new ProblemException(new Problem(TYPE_BASE + slug, title, status, detail, List.of()));
    }

    public static ProblemException badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    /** 400 naming every invalid field. */
    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "Field '" + errors.get(0).field() + "' is invalid: " + errors.get(0).message()
                : errors.size() + " fields are invalid.";
        return new ProblemException(new Problem(TYPE_BASE + "validation", "Invalid request", 400, detail, errors));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException unauthorized() {
        return of(401, "unauthorized", "Unauthorized", "Sign in, or send a valid bearer token.");
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    /**
     * 403 for a user whose roles lack a permission: names it and what it allows (its
     * description; may be null), and tells whom to ask. The extension members
     * {@code permission} and {@code permissionDescription} let a client say it in its language.
     */
    public static ProblemException missingPermission(String permission, String description) {
        String what = description == null || description.isBlank() ? "" : " (" + description + ")";
        java.util.Map<String, Object> extensions = new java.util.LinkedHashMap<>();
        extensions.put("permission", permission);
        if (!what.isEmpty()) {
            extensions.put("permissionDescription", description);
        }
        return new ProblemException(new Problem(TYPE_BASE + "missing-permission", "Forbidden", 403,
                "You need the permission '" + permission + "'" + what + ". Ask an administrator.", List.of()), null, extensions);
    }

    /** 404 — also the answer for a record the user may not see, so its existence is never revealed. */
    public static ProblemException notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** 409 for an update based on an outdated version of a record. */
    public static ProblemException staleVersion(long current) {
        return of(409, "stale-version", "Stale version",
                "The record was changed by someone else; its current version is " + current + ". Reload it and apply your change again.");
    }

    public static ProblemException payloadTooLarge(long limitBytes) {
        return of(413, "payload-too-large", "Payload too large", "Request bodies are limited to " + limitBytes + " bytes.");
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(new Problem(TYPE_BASE + "too-many-requests", "Too many requests", 429,
                "Too many attempts. Try again in " + retryAfterSeconds + " seconds.", List.of()),
                Long.toString(retryAfterSeconds));
    }
}
