package org.mosaiccrm.platform.api.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

/**
 * Thrown by resources (and the platform) to answer with an RFC 9457 problem; the platform's
 * exception mapper turns it into the response. Use the factory methods of {@link Problems}.
 * It is a plain runtime exception, so that code outside a JAX-RS request (shell commands,
 * jobs, tests) can throw and catch it too.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final String retryAfterSeconds;
    private final transient Map<String, Object> extensions;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, String retryAfterSeconds) {
        this(problem, retryAfterSeconds, Map.of());
    }

    /**
     * A problem with extension members (RFC 9457, section 3.2) next to the standard ones, e.g.
     * the permission a refused request needed, so that clients can say it in their own words.
     */
    public ProblemException(Problem problem, String retryAfterSeconds, Map<String, Object> extensions) {
        super(problem.detail(), null, false, false);
        Map<String, Object> members = new LinkedHashMap<>(problem.extensions());
        if (extensions != null) {
            members.putAll(extensions);
        }
        this.problem = new Problem(problem.type(), problem.title(), problem.status(), problem.detail(), problem.errors(),
                problem.code(), problem.params(), members);
        this.retryAfterSeconds = retryAfterSeconds;
        this.extensions = Map.copyOf(members);
    }

    /** The extension members; empty for most problems. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public List<FieldError> errors() {
        return problem.errors();
    }

    /** The answer: status, problem+json body, and Retry-After where it applies. */
    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(MosaicApi.PROBLEM_JSON_TYPE)
                .entity(problem);
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }
}
