package org.mosaiccrm.platform.core.internal.jobs;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/jobs/{id}}: progress of a run, for the user who started it and administrators;
 * {@code POST /api/v1/jobs/{id}/cancel} stops a queued or running import at its next batch.
 */
@Component(service = JobsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Reference
    private JobRuns runs;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private ImportJobs imports;

    @GET
    @Path("{id}")
    public JobProgress get(@PathParam("id") String id) {
        requireReach(id);
        return runs.find(id).orElseThrow(() -> Problems.notFound("job", id));
    }

    /** Cancels the run: the batches committed stay, the one under way rolls back, the upload is deleted. 409 when it has ended. */
    @POST
    @Path("{id}/cancel")
    public JobProgress cancel(@PathParam("id") String id) {
        requireReach(id);
        if (!imports.cancel(id)) {
            throw Problems.conflict("The job " + id + " has ended already; there is nothing to cancel.");
        }
        audit.record("job.cancelled", "job/" + id, java.util.Map.of());
        return runs.find(id).orElseThrow(() -> Problems.notFound("job", id));
    }

    /** The run's owner and administrators reach it; to anyone else it does not exist. */
    private void requireReach(String id) {
        UserPrincipal user = access.currentUser();
        String owner = runs.owner(id);
        if (owner == null || !(user.isAdmin() || owner.equals(user.id()))) {
            throw Problems.notFound("job", id);
        }
    }
}
