package org.mosaiccrm.platform.web.internal;

import java.util.List;
import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns whatever a request ends in into an RFC 9457 problem; never a stack trace. */
final class ProblemMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    /** Answers of the JAX-RS runtime itself (404 no such path, 405, 406, 415) as problems. */
    static Response fromWebApplicationException(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> "There is nothing at this address. If it belongs to a module, the module may be disabled.";
            case 405 -> "This address does not accept this method.";
            case 406 -> "This address cannot answer in the requested media type; ask for application/json.";
            case 415 -> "This address does not accept this content type; send application/json.";
            default -> title;
        };
        String code = switch (status) {
            case 404 -> "noPath";
            case 405 -> "wrongMethod";
            case 406 -> "notAcceptable";
            case 415 -> "wrongMediaType";
            default -> null;
        };
        Response.ResponseBuilder builder = Response.status(status).type(MosaicApi.PROBLEM_JSON_TYPE)
                .entity(new Problem("about:blank", title, status, detail, List.of(), code, null, null));
        if (original != null && original.getHeaderString("Allow") != null) {
            builder.header("Allow", original.getHeaderString("Allow"));
        }
        return builder.build();
    }

    /** Problems may arrive wrapped by the JAX-RS runtime (from a message body reader, say). */
    static Response unexpectedOrProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.mosaiccrm.platform.api.rest.ProblemException p) {
                return p.toResponse();
            }
            if (t instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                // Two requests creating the same thing at once: the check before the insert passed for
                // both, the database's unique constraint refused the second. A conflict, not our failure.
                return org.mosaiccrm.platform.api.rest.Problems.conflict("savedMeanwhile", "A record with these values was saved at the"
                        + " same moment by another request; reload to see it.").toResponse();
            }
        }
        return unexpected(e);
    }

    /** The SQLState of a unique constraint violation, on Derby and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Anything else is our fault: logged with an id the user can quote, answered without details. */
    static Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error, incident {}", incident, e);
        return Response.status(500).type(MosaicApi.PROBLEM_JSON_TYPE)
                .entity(new Problem("about:blank", "Internal server error", 500,
                        "The server failed to answer this request. Incident " + incident + " is logged.", List.of(),
                        "internal", java.util.Map.of("incident", incident), null))
                .build();
    }
}
