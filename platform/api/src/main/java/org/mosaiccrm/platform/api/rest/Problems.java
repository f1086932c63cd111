package org.mosaiccrm.platform.api.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Factory of the problems the API answers with; one place for their titles and type URIs.
 *
 * <p>Problems made here carry a code (e.g. {@code notFound}, {@code staleVersion}) and its
 * parameters next to the English detail, so that the platform answers them in the request's
 * language; so do the field errors of {@link FieldReader}. A module gives its own problems a
 * code of its own with {@link #of(int, String, String, String, String, Object...)}.
 */
public final class Problems {

    private static final String TYPE_BASE = "https://mosaiccrm.org/problems/";

    private Problems() {
    }

    public static ProblemException of(int status, String slug, String title, String detail) {
        return new ProblemException(new Problem(TYPE_BASE + slug, title, status, detail, List.of()));
    }

    /**
     * A problem with a code: a platform code is one word, a module's is {@code <module>.<name>}
     * and a key of the module's UI messages, whose texts fill {@code {name}} placeholders from
     * {@code params} (names and values in turn: {@code "stage", "Won"}).
     */
    public static ProblemException of(int status, String slug, String title, String detail, String code, Object... params) {
        return new ProblemException(coded(status, slug, title, detail, List.of(), code, params(params)));
    }

    private static Problem coded(int status, String slug, String title, String detail, List<FieldError> errors, String code,
            Map<String, Object> params) {
        return new Problem(TYPE_BASE + slug, title, status, detail, errors, code, params, null);
    }

    public static ProblemException badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    /** 400 with a code for the detail; see {@link #of(int, String, String, String, String, Object...)}. */
    public static ProblemException badRequest(String code, String detail, Object... params) {
        return of(400, "bad-request", "Bad request", detail, code, params);
    }

    /** 400 naming every invalid field. */
    public static ProblemException invalid(List<FieldError> errors) {
        boolean one = errors.size() == 1;
        String detail = one
                ? "Field '" + errors.get(0).field() + "' is invalid: " + errors.get(0).message()
                : errors.size() + " fields are invalid.";
        Map<String, Object> params = one ? params("field", errors.get(0).field()) : params("count", errors.size());
        return new ProblemException(coded(400, "validation", "Invalid request", detail, errors,
                one ? "invalidField" : "invalidFields", params));
    }

    /** 400 for one field, without a code for its message (prefer {@link #invalid(String, String, String, Object...)}). */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** 400 for one field with a code for its message; see {@link FieldError#of}. */
    public static ProblemException invalid(String field, String code, String message, Object... params) {
        return invalid(List.of(FieldError.of(field, code, message, params)));
    }

    public static ProblemException unauthorized() {
        return of(401, "unauthorized", "Unauthorized", "Sign in, or send a valid bearer token.", "unauthorized");
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    /** 403 with a code for the detail. */
    public static ProblemException forbidden(String code, String detail, Object... params) {
        return of(403, "forbidden", "Forbidden", detail, code, params);
    }

    /**
     * 403 for a user whose roles lack a permission: names it and what it allows (its
     * description; may be null), and tells whom to ask. The extension members
     * {@code permission} and {@code permissionDescription} let a client say it in its language.
     */
    public static ProblemException missingPermission(String permission, String description) {
        boolean described = description != null && !description.isBlank();
        String what = described ? " (" + description + ")" : "";
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("permission", permission);
        if (described) {
            extensions.put("permissionDescription", description);
        }
        return new ProblemException(coded(403, "missing-permission", "Forbidden",
                "You need the permission '" + permission + "'" + what + ". Ask an administrator.", List.of(),
                described ? "missingPermission" : "missingPermissionBare",
                params("permission", permission, "description", described ? description : "")), null, extensions);
    }

    /** 404 — also the answer for a record the user may not see, so its existence is never revealed. */
    public static ProblemException notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    /** 404 for the record with this id (or one the user may not see); {@code what} names its kind in English. */
    public static ProblemException notFound(String what, String id) {
        return of(404, "not-found", "Not found", "There is no " + what + " " + id + ".", "noSuchRecord", "id", id);
    }

    public static ProblemException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** 409 with a code for the detail. */
    public static ProblemException conflict(String code, String detail, Object... params) {
        return of(409, "conflict", "Conflict", detail, code, params);
    }

    /** 409 for an update based on an outdated version of a record. */
    public static ProblemException staleVersion(long current) {
        return of(409, "stale-version", "Stale version",
                "The record was changed by someone else; its current version is " + current + ". Reload it and apply your change again.",
                "staleVersion", "current", current);
    }

    public static ProblemException payloadTooLarge(long limitBytes) {
        return of(413, "payload-too-large", "Payload too large", "Request bodies are limited to " + limitBytes + " bytes.",
                "payloadTooLarge", "limit", limitBytes);
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(coded(429, "too-many-requests", "Too many requests",
                "Too many attempts. Try again in " + retryAfterSeconds + " seconds.", List.of(), "tooManyRequests",
                params("seconds", retryAfterSeconds)), Long.toString(retryAfterSeconds));
    }

    /** Names and values in turn as a map, in their order. */
    static Map<String, Object> params(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Parameters come in pairs of a name and a value");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return params;
    }
}
