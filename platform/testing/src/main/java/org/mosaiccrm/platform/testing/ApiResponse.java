package org.mosaiccrm.platform.testing;

import java.net.http.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;

/** One answer of the API, with helpers for the assertions every black-box test makes. */
public record ApiResponse(int status, HttpHeaders headers, String body) {

    public JsonNode json() {
        return ApiClient.parse(body);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** Asserts the status and returns this, for chaining. */
    public ApiResponse expect(int expected) {
        if (status != expected) {
            throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
        }
        return this;
    }

    /** Asserts an RFC 9457 problem with this status and returns its body. */
    public JsonNode expectProblem(int expected) {
        expect(expected);
        String type = contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            throw new AssertionError("Expected application/problem+json but got " + type + ": " + body);
        }
        JsonNode problem = json();
        if (problem.path("status").asInt() != expected || !problem.hasNonNull("title") || !problem.hasNonNull("detail")) {
            throw new AssertionError("Not a complete problem: " + body);
        }
        if (body.contains("\tat ") || body.contains("Exception")) {
            throw new AssertionError("Problem leaks internals: " + body);
        }
        return problem;
    }
}
