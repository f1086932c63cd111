package org.mosaiccrm.platform.api.rest;

import java.util.List;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/**
 * Thrown by resources (and the platform) to answer with an RFC 9457 problem. Being a
 * {@link WebApplicationException}, it carries its own response, so it is answered correctly
 * wherever in the JAX-RS pipeline it is thrown. Use the factory methods of {@link Problems}.
 */
public class ProblemException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, String retryAfterSeconds) {
        super(problem.detail(), null, build(problem, retryAfterSeconds));
        this.problem = problem;
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

    private static Response build(Problem problem, String retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(MosaicApi.PROBLEM_JSON_TYPE)
                .entity(problem);
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }
}
