package org.mosaiccrm.platform.api.rest;

import java.util.List;

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

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, String retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
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
